{ config, pkgs, ... }:
{
  boot.isContainer = true;
  nixpkgs.config.allowUnfree = true;
  programs.steam = {
    enable = true;
    remotePlay.openFirewall = true;
  };
  programs.gamemode.enable = true;
  hardware.graphics = { enable = true; enable32Bit = true; };
  services.xserver.videoDrivers = [ "nvidia" ];
  hardware.nvidia = {
    modesetting.enable = true;
    open = true;
    package = config.boot.kernelPackages.nvidiaPackages.stable;
  };
  services.pipewire = { enable = true; pulse.enable = true; };
  environment.systemPackages = with pkgs; [ mangohud protonup-qt lutris discord ];
  system.stateVersion = "24.11";
}
