{ ... }:
{
  boot.isContainer = true;
  services.nginx.enable = true;
  services.nginx.virtualHosts."example.org" = {
    forceSSl = true;
    root = "/srv/www";
  };
}
