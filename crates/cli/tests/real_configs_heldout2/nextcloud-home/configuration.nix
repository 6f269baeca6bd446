{ config, pkgs, ... }:
{
  boot.isContainer = true;
  services.nextcloud = {
    enable = true;
    package = pkgs.nextcloud31;
    hostName = "cloud.home.arpa";
    https = true;
    config.adminpassFile = "/var/lib/secrets/nextcloud-admin";
    config.dbtype = "pgsql";
    database.createLocally = true;
  };
  services.nginx.virtualHosts.${config.services.nextcloud.hostName} = {
    forceSSL = true;
    sslCertificate = "/var/lib/secrets/cloud.crt";
    sslCertificateKey = "/var/lib/secrets/cloud.key";
  };
  networking.firewall.allowedTCPPorts = [ 80 443 ];
  system.stateVersion = "24.11";
}
