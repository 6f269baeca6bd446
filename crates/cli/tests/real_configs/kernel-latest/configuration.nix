{ config, pkgs, ... }:
{
  boot.isContainer = true;
  boot.kernelPackages = pkgs.linuxPackages_latest;
  boot.extraModulePackages = [ config.boot.kernelPackages.v4l2loopback ];
  boot.kernelModules = [ "v4l2loopback" ];
  system.stateVersion = "24.11";
}
