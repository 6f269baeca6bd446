{ ... }:
{
  boot.isContainer = true;
  networking.wg-quick.interfaces.wg0 = {
    address = [ "10.100.0.2/24" ];
    privateKeyFile = "/etc/wireguard/private.key";
    dns = [ "10.100.0.1" ];
    peers = [
      {
        publicKey = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
        allowedIPs = [ "0.0.0.0/0" ];
        endpoint = "vpn.example.org:51820";
        persistentKeepalive = 25;
      }
    ];
  };
  system.stateVersion = "24.11";
}
