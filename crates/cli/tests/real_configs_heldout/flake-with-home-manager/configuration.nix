{ pkgs, ... }:
{
  boot.isContainer = true;
  users.users.kim.isNormalUser = true;
  system.stateVersion = "24.11";
}
