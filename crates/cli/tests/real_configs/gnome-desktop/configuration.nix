{ pkgs, ... }:
{
  boot.isContainer = true;
  services.xserver.enable = true;
  services.xserver.displayManager.gdm.enable = true;
  services.xserver.desktopManager.gnome.enable = true;
  services.xserver.videoDrivers = [ "nvidia" ];
  hardware.graphics.enable = true;
  hardware.nvidia.modesetting.enable = true;
  hardware.nvidia.open = false;
  hardware.bluetooth.enable = true;
  environment.systemPackages = with pkgs; [ firefox vlc ];
  system.stateVersion = "24.11";
}
