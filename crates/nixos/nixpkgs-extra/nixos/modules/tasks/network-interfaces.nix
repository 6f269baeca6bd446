# networking.useDHCP, networking.interfaces, networking.defaultGateway(6)
# and networking.networkmanager.enable, declared with NixOS's names, types
# and defaults (nixos/modules/tasks/network-interfaces.nix,
# services/networking/networkmanager.nix). Nixpen does not render the
# network setup services yet; other options of these namespaces are NixOS
# options Nixpen does not model (a warning).
{ config, lib, ... }:

let
  inherit (lib) mkOption types;

  addressOptions = v: { ... }: {
    options = {
      address = mkOption { type = types.str; description = "IPv${toString v} address of the interface."; };
      prefixLength = mkOption {
        type = types.addCheck types.int (n: n >= 0 && n <= (if v == 4 then 32 else 128));
        description = "Subnet mask of the interface, as a number of bits.";
      };
    };
  };

  routeOptions = v: { ... }: {
    options = {
      address = mkOption { type = types.str; description = "IPv${toString v} address of the network."; };
      prefixLength = mkOption { type = types.int; description = "Subnet mask of the network, as a number of bits."; };
      via = mkOption { type = types.nullOr types.str; default = null; description = "The route's gateway."; };
      options = mkOption { type = types.attrsOf types.str; default = { }; description = "Other `ip route` options."; };
    };
  };

  interfaceOptions = { name, ... }: {
    options = {
      name = mkOption { type = types.str; default = name; description = "The interface's name."; };
      useDHCP = mkOption {
        type = types.nullOr types.bool;
        default = null;
        description = "Whether this interface is configured by DHCP; null follows networking.useDHCP.";
      };
      ipv4.addresses = mkOption {
        type = types.listOf (types.submodule (addressOptions 4));
        default = [ ];
        example = [ { address = "10.0.0.1"; prefixLength = 16; } ];
        description = "Static IPv4 addresses of the interface.";
      };
      ipv6.addresses = mkOption {
        type = types.listOf (types.submodule (addressOptions 6));
        default = [ ];
        description = "Static IPv6 addresses of the interface.";
      };
      ipv4.routes = mkOption { type = types.listOf (types.submodule (routeOptions 4)); default = [ ]; description = "Static IPv4 routes through the interface."; };
      ipv6.routes = mkOption { type = types.listOf (types.submodule (routeOptions 6)); default = [ ]; description = "Static IPv6 routes through the interface."; };
      macAddress = mkOption { type = types.nullOr types.str; default = null; description = "A MAC address to give the interface."; };
      mtu = mkOption { type = types.nullOr types.int; default = null; description = "The interface's MTU."; };
      wakeOnLan.enable = mkOption { type = types.bool; default = false; description = "Whether the interface wakes the machine on a magic packet."; };
      virtual = mkOption { type = types.bool; default = false; description = "Whether this is a virtual (tun/tap) interface."; };
    };
  };

  gatewayOptions = { ... }: {
    options = {
      address = mkOption { type = types.str; description = "The gateway's address."; };
      interface = mkOption { type = types.nullOr types.str; default = null; description = "The interface the gateway is reached through."; };
      metric = mkOption { type = types.nullOr types.int; default = null; description = "The route's metric."; };
      source = mkOption { type = types.nullOr types.str; default = null; description = "The source address of packets through the gateway."; };
    };
  };

  gateway = mkOption {
    type = types.nullOr (types.coercedTo types.str (address: { inherit address; }) (types.submodule gatewayOptions));
    default = null;
    example = { address = "131.211.84.1"; interface = "enp3s0"; };
    description = "The default gateway (an address, or the address with the interface and metric).";
  };
in
{
  options.networking = {
    useDHCP = mkOption {
      type = types.bool;
      default = true;
      description = "Whether every interface without static addresses is configured by DHCP.";
    };
    useNetworkd = mkOption {
      type = types.bool;
      default = false;
      description = "Whether systemd-networkd configures the interfaces (instead of NixOS's scripts).";
    };
    interfaces = mkOption {
      type = types.attrsOf (types.submodule interfaceOptions);
      default = { };
      example = { eth0.ipv4.addresses = [ { address = "131.211.84.78"; prefixLength = 25; } ]; };
      description = "The network interfaces' settings, by interface name.";
    };
    defaultGateway = gateway;
    defaultGateway6 = gateway;
    hostId = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "4e98920d";
      description = "The 32-bit host ID (8 hex digits), which ZFS needs.";
    };
    networkmanager.enable = mkOption {
      type = types.bool;
      default = false;
      description = "Whether NetworkManager manages the network connections.";
    };
  };
}
