{ pkgs, ... }:
{
  boot.isContainer = true;
  fonts.packages = with pkgs; [ noto-fonts noto-fonts-emoji nerd-fonts.fira-code ];
  fonts.fontconfig.defaultFonts.monospace = [ "FiraCode Nerd Font" ];
  system.stateVersion = "24.11";
}
