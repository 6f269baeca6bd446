{ ... }:
{
  boot.isContainer = true;
  networking.firewall.allowedUDPPorts = [ "51820" ];
  system.stateVersion = "24.11";
}
