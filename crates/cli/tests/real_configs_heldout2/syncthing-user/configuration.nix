{ config, ... }:
{
  boot.isContainer = true;
  users.users.ana = { isNormalUser = true; home = "/home/ana"; };
  services.syncthing = {
    enable = true;
    user = "ana";
    dataDir = "/home/ana/Sync";
    configDir = "/home/ana/.config/syncthing";
    openDefaultPorts = true;
    settings.devices.phone.id = "P56IOI7-MZJNU2Y-IQGDREY-DM2MGTI-MGL3BXN-PQ6W5BM-TBBZ4TJ-XZWICQ2";
    settings.folders.photos = {
      path = "${config.services.syncthing.dataDir}/photos";
      devices = [ "phone" ];
    };
  };
  system.stateVersion = "24.11";
}
