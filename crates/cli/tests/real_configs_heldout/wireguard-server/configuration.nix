{ pkgs, ... }:
{
  boot.isContainer = true;
  networking.nat = { enable = true; externalInterface = "eth0"; internalInterfaces = [ "wg0" ]; };
  networking.firewall.allowedUDPPorts = [ 51820 ];
  networking.wireguard.interfaces.wg0 = {
    ips = [ "10.100.0.1/24" ];
    listenPort = 51820;
    privateKeyFile = "/root/wireguard-keys/private";
    peers = [ { publicKey = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg="; allowedIPs = [ "10.100.0.2/32" ]; } ];
  };
  environment.systemPackages = [ pkgs.wireguard-tools ];
  system.stateVersion = "24.11";
}
