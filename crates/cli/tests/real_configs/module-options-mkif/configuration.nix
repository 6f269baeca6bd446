{ ... }:
{
  imports = [ ./modules/backup.nix ];
  boot.isContainer = true;
  my.backup = {
    enable = true;
    paths = [ "/home" "/etc" ];
  };
  system.stateVersion = "24.11";
}
