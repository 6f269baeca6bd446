{ ... }:
{
  boot.isContainer = true;
  myWebsite.domain = "example.org";
}
