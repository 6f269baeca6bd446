{ ... }:
{
  boot.isContainer = true;
  fileSystems."/" = { device = "/dev/vda1"; fsType = "btrfs"; options = [ "compress=zstd" "noatime" ]; };
  fileSystems."/home" = { device = "/dev/vda1"; fsType = "btrfs"; options = [ "subvol=home" ]; };
  fileSystems."/mnt/data" = { label = "data"; fsType = "xfs"; };
  swapDevices = [ { device = "/var/lib/swapfile"; size = 4096; priority = 10; } ];
  zramSwap.enable = true;
  system.stateVersion = "24.11";
}
