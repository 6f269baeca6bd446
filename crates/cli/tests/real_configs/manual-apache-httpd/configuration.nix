# As the NixOS manual's web-server section writes it.
{ config, pkgs, ... }:
{
  boot.isContainer = true;
  services.httpd.enable = true;
  services.httpd.adminAddr = "alice@example.org";
  services.httpd.virtualHosts.localhost.documentRoot = "/webroot";
  services.httpd.virtualHosts."blog.example.org" = {
    documentRoot = "/var/www/blog";
    addSSL = true;
    enableACME = true;
  };
  security.acme.acceptTerms = true;
  security.acme.defaults.email = "alice@example.org";
  networking.firewall.allowedTCPPorts = [ 80 443 ];
  system.stateVersion = "24.11";
}
