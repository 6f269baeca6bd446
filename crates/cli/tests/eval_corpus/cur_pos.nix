{
  here = __curPos;
}
