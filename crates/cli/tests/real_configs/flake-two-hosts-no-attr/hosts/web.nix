{ config, ... }:
{
  services.nginx.enable = true;
  services.nginx.virtualHosts."${config.networking.hostName}.internal".locations."/".proxyPass = "http://127.0.0.1:3000";
  networking.firewall.allowedTCPPorts = [ 80 ];
}
