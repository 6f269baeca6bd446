# The Apache HTTP Server with two sites: one over HTTPS with a certificate
# from Let's Encrypt (plain HTTP redirected), one on an internal address.
{ ... }:
{
  networking.hostName = "web";

  services.httpd = {
    enable = true;
    adminAddr = "webmaster@example.org";
    virtualHosts."example.org" = {
      serverAliases = [ "www.example.org" ];
      documentRoot = "/var/www/example.org";
      forceSSL = true;
      enableACME = true;
      locations."/api/".proxyPass = "http://127.0.0.1:8080/";
    };
    virtualHosts."wiki.lan" = {
      listen = [ { ip = "10.0.0.2"; port = 8000; } ];
      documentRoot = "/srv/wiki";
      extraConfig = ''
        DirectoryIndex index.html
      '';
    };
  };

  security.acme = {
    acceptTerms = true;
    defaults.email = "acme@example.org";
  };

  networking.firewall.allowedTCPPorts = [ 80 443 ];
  system.stateVersion = "24.11";
}
