{ config, pkgs, ... }:
{
  imports = [ ./hardware-configuration.nix ];
  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;
  boot.resumeDevice = "/dev/disk/by-label/swap";
  powerManagement.enable = true;
  services.tlp = {
    enable = true;
    settings = { CPU_SCALING_GOVERNOR_ON_BAT = "powersave"; START_CHARGE_THRESH_BAT0 = 40; STOP_CHARGE_THRESH_BAT0 = 80; };
  };
  services.logind.settings.Login.HandleLidSwitch = "suspend-then-hibernate";
  services.fwupd.enable = true;
  networking.networkmanager.enable = true;
  system.stateVersion = "25.05";
}
