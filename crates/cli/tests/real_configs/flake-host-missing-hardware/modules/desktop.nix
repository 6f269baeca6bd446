{ pkgs, ... }:
{
  services.xserver.enable = true;
  services.displayManager.sddm.enable = true;
  environment.systemPackages = with pkgs; [ alacritty rofi ];
}
