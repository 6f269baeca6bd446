{ config, pkgs, lib, ... }:
{
  boot.loader.grub.enable = false;
  boot.loader.generic-extlinux-compatible.enable = true;
  boot.kernelPackages = pkgs.linuxPackages_rpi4;

  hardware.enableRedistributableFirmware = true;

  fileSystems."/" = {
    device = "/dev/disk/by-label/NIXOS_SD";
    fsType = "ext4";
    options = [ "noatime" ];
  };

  networking.hostName = "pi";
  networking.wireless = {
    enable = true;
    networks."HomeWiFi".psk = "correct horse battery staple";
    interfaces = [ "wlan0" ];
  };

  services.openssh.enable = true;
  users.users.pi = {
    isNormalUser = true;
    extraGroups = [ "wheel" "gpio" ];
    initialPassword = "raspberry";
  };
  environment.systemPackages = with pkgs; [ libraspberrypi raspberrypi-eeprom htop ];
  system.stateVersion = "24.05";
}
