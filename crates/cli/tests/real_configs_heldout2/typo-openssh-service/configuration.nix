{ ... }:
{
  boot.isContainer = true;
  services.opensh.enable = true;
  system.stateVersion = "24.11";
}
