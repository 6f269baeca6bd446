{ config, pkgs, ... }:
{
  boot.isContainer = true;
  services.nginx = {
    enable = true;
    recommendedProxySettings = true;
    recommendedTlsSettings = true;
    virtualHosts."blog.example.com" = {
      enableACME = true;
      forceSSL = true;
      root = "/var/www/blog";
    };
  };
  security.acme = {
    acceptTerms = true;
    defaults.email = "admin+acme@example.com";
  };
  networking.firewall.allowedTCPPorts = [ 80 443 ];
  system.stateVersion = "24.05";
}
