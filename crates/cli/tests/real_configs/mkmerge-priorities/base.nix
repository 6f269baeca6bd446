{ lib, ... }:
{
  networking.hostName = "base";
  networking.firewall.allowedTCPPorts = [ 22 ];
}
