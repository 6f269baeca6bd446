{ config, ... }:
{
  boot.isContainer = true;
  services.postfix = {
    enable = true;
    settings.main = {
      myhostname = "mail.example.org";
      mydestination = [ "example.org" "localhost" ];
    };
  };
  services.dovecot2 = {
    enable = true;
    enablePop3 = false;
    enableImap = true;
  };
  networking.firewall.allowedTCPPorts = [ 25 143 587 993 ];
  system.stateVersion = "24.11";
}
