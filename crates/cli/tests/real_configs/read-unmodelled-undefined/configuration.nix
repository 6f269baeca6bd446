{ config, ... }:
{
  boot.isContainer = true;
  services.nginx.enable = true;
  services.nginx.virtualHosts."vpn.example.org".locations."/".proxyPass =
    "http://127.0.0.1:${toString config.services.headscale.port}";
}
