{ pkgs, ... }:
{
  boot.isContainer = true;
  virtualisation.libvirtd.enable = true;
  programs.virt-manager.enable = true;
  virtualisation.podman = { enable = true; dockerCompat = true; };
  users.users.vm = { isNormalUser = true; extraGroups = [ "libvirtd" ]; };
  system.stateVersion = "24.11";
}
