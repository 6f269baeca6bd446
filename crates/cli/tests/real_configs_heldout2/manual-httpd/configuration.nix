{ pkgs, ... }:
{
  boot.isContainer = true;
  services.httpd = {
    enable = true;
    adminAddr = "webmaster@example.org";
    virtualHosts."example.org" = {
      documentRoot = "/var/www/example.org";
      serverAliases = [ "www.example.org" ];
    };
  };
  networking.firewall.allowedTCPPorts = [ 80 ];
  system.stateVersion = "24.11";
}
