{ ... }:
{
  boot.isContainer = true;
  networking = {
    hostName = "router";
    useDHCP = false;
    interfaces.enp1s0.ipv4.addresses = [ { address = "192.168.1.2"; prefixLength = 24; } ];
    defaultGateway = "192.168.1.1";
    nameservers = [ "1.1.1.1" "9.9.9.9" ];
  };
  system.stateVersion = "24.11";
}
