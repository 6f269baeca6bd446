{ ... }:
{
  boot.isContainer = true;
  services.nginx.enable = true;
  services.nginx.virtualhosts."x.org".root = "/srv";
}
