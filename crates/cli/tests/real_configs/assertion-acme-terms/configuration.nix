{ ... }:
{
  boot.isContainer = true;
  services.nginx.enable = true;
  services.nginx.virtualHosts."shop.example.com" = { enableACME = true; forceSSL = true; };
}
