{ ... }:
{
  boot.isContainer = true;
  networking.firewall.allowedTCPPorts = [ "8080" ];
}
