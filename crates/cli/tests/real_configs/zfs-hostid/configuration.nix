{ ... }:
{
  boot.isContainer = true;
  boot.supportedFilesystems = [ "zfs" ];
  boot.zfs.forceImportRoot = false;
  networking.hostId = "8425e349";
  services.zfs.autoScrub.enable = true;
  system.stateVersion = "24.11";
}
