{ ... }:
{
  boot.isContainer = true;
  networking.hostname = "wrongcase";
}
