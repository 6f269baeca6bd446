{ pkgs, ... }:
{
  imports = [ ./hardware-configuration.nix ../../modules/desktop.nix ];
  boot.loader.systemd-boot.enable = true;
  networking.hostName = "laptop";
  system.stateVersion = "24.11";
}
