{ ... }:
{
  boot.isContainer = true;
  services.caddy = {
    enable = true;
    email = "me@example.com";
    virtualHosts."example.com".extraConfig = ''
      root * /srv/www
      file_server
    '';
    virtualHosts."api.example.com".extraConfig = ''
      reverse_proxy 127.0.0.1:4000
    '';
  };
  networking.firewall.allowedTCPPorts = [ 80 443 ];
  system.stateVersion = "24.11";
}
