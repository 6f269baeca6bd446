{ config, pkgs, ... }:
{
  boot.isContainer = true;
  services.syncthing = {
    enable = true;
    user = "ana";
    dataDir = "/home/ana";
    settings.gui.theme = "dark";
  };
  services.jellyfin.enable = true;
  services.jellyfin.openFirewall = true;
  environment.etc."motd".text = "syncthing enabled: ${toString config.services.syncthing.enable}";
  system.stateVersion = "24.11";
}
