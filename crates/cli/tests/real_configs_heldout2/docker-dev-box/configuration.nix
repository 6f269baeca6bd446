{ config, pkgs, lib, ... }:
{
  boot.isContainer = true;
  virtualisation.docker = {
    enable = true;
    autoPrune.enable = true;
  };
  users.users.bob = {
    isNormalUser = true;
    extraGroups = [ "wheel" "docker" ];
  };
  boot.kernel.sysctl."vm.max_map_count" = 262144;
  environment.systemPackages = with pkgs; [ docker-compose lazydocker ];
  security.sudo.wheelNeedsPassword = false;
  system.stateVersion = "24.11";
}
