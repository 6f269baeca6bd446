# nginx terminating TLS (certificates from Let's Encrypt through ACME) in
# front of an application listening on 127.0.0.1:8080.
{ ... }:
{
  networking.hostName = "proxy";
  networking.domain = "example.org";

  security.acme = {
    acceptTerms = true;
    defaults.email = "admin@example.org";
  };

  services.nginx = {
    enable = true;
    recommendedProxySettings = true;
    recommendedTlsSettings = true;
    clientMaxBodySize = "20m";
    upstreams.app.servers."127.0.0.1:8080" = { };
    virtualHosts."app.example.org" = {
      forceSSL = true;
      enableACME = true;
      locations."/" = {
        proxyPass = "http://app";
        proxyWebsockets = true;
      };
      locations."= /healthz".return = "200 ok";
    };
  };

  networking.firewall.allowedTCPPorts = [ 80 443 ];
  system.stateVersion = "24.11";
}
