{ lib, ... }:
{
  imports = [ ./base.nix ];
  boot.isContainer = true;
  networking.hostName = lib.mkForce "override";
  networking.firewall.allowedTCPPorts = lib.mkMerge [ [ 8080 ] (lib.mkIf true [ 9090 ]) ];
  system.stateVersion = "24.11";
}
