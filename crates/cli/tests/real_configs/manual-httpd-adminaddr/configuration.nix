{ config, pkgs, ... }:
{
  boot.isContainer = true;
  services.httpd.enable = true;
  services.httpd.adminAddr = "webmaster@example.org";
  services.httpd.virtualHosts."example.org" = {
    documentRoot = "/var/www/example.org";
  };
  networking.firewall.allowedTCPPorts = [ 80 ];
  system.stateVersion = "24.05";
}
