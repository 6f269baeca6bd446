{ pkgs, ... }:
{
  boot.isContainer = true;
  virtualisation.docker.enable = true;
  virtualisation.docker.autoPrune.enable = true;
  users.users.dev = { isNormalUser = true; extraGroups = [ "docker" "wheel" ]; };
  users.groups.deploy = { };
  environment.systemPackages = [ pkgs.docker-compose ];
  system.stateVersion = "24.11";
}
