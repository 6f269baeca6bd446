{ config, pkgs, lib, ... }:
{
  imports = [ ./hardware-configuration.nix ];

  boot.loader.grub.enable = true;
  boot.loader.grub.device = "/dev/sda";
  boot.tmp.cleanOnBoot = true;
  zramSwap.enable = true;

  networking.hostName = "cx22";
  networking.domain = "example.net";
  networking.firewall.allowedTCPPorts = [ 22 80 443 ];

  services.openssh.enable = true;
  services.openssh.settings.PasswordAuthentication = false;
  services.fail2ban.enable = true;

  security.acme = {
    acceptTerms = true;
    defaults.email = "ops@example.net";
  };

  services.nginx = {
    enable = true;
    recommendedGzipSettings = true;
    recommendedProxySettings = true;
    virtualHosts."app.example.net" = {
      enableACME = true;
      forceSSL = true;
      locations."/" = {
        proxyPass = "http://127.0.0.1:8080";
        proxyWebsockets = true;
      };
    };
  };

  users.users.root.openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE8xZ5kqz0g3JqK2c8Vv4n7d6m2r9s1t0u5w3y7a9b1c ops" ];
  system.stateVersion = "23.11";
}
