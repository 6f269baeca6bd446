{ config, pkgs, ... }:
{
  boot.isContainer = true;
  sops.defaultSopsFile = ./secrets.yaml;
  sops.secrets."wifi-password" = { };
  home-manager.useGlobalPkgs = true;
  home-manager.users.ops = { pkgs, ... }: {
    programs.bash.enable = true;
    home.stateVersion = "24.11";
  };
  users.users.ops = { isNormalUser = true; extraGroups = [ "wheel" ]; };
  system.stateVersion = "24.11";
}
