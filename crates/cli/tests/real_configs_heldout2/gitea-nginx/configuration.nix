{ config, lib, ... }:
let
  domain = "git.example.net";
in
{
  boot.isContainer = true;
  services.gitea = {
    enable = true;
    settings.server = {
      DOMAIN = domain;
      ROOT_URL = "https://${domain}/";
      HTTP_PORT = 3001;
    };
    settings.service.DISABLE_REGISTRATION = true;
  };
  services.nginx = {
    enable = true;
    virtualHosts.${domain} = {
      enableACME = true;
      forceSSL = true;
      locations."/".proxyPass = "http://127.0.0.1:${toString config.services.gitea.settings.server.HTTP_PORT}";
    };
  };
  security.acme.acceptTerms = true;
  security.acme.defaults.email = "ops@example.net";
  system.stateVersion = "24.11";
}
