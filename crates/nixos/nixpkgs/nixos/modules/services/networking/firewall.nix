# networking.firewall: which ports the system's firewall lets in, globally
# and per network interface.
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption types;
  cfg = config.networking.firewall;

  # Ports sorted, each once (as NixOS normalises them).
  canonicalizePortList = ports: lib.unique (builtins.sort builtins.lessThan ports);

  portOptions = {
    allowedTCPPorts = mkOption {
      type = types.listOf types.port;
      default = [ ];
      apply = canonicalizePortList;
      example = [ 22 80 ];
      description = "TCP ports on which incoming connections are accepted.";
    };
    allowedTCPPortRanges = mkOption {
      type = types.listOf (types.attrsOf types.port);
      default = [ ];
      example = [ { from = 8999; to = 9003; } ];
      description = "Ranges of TCP ports (`{ from; to; }`) on which incoming connections are accepted.";
    };
    allowedUDPPorts = mkOption {
      type = types.listOf types.port;
      default = [ ];
      apply = canonicalizePortList;
      example = [ 53 ];
      description = "UDP ports on which incoming packets are accepted.";
    };
    allowedUDPPortRanges = mkOption {
      type = types.listOf (types.attrsOf types.port);
      default = [ ];
      example = [ { from = 60000; to = 61000; } ];
      description = "Ranges of UDP ports (`{ from; to; }`) on which incoming packets are accepted.";
    };
  };
in
{
  options.networking.firewall = portOptions // {
    enable = mkOption {
      type = types.bool;
      default = true;
      description = ''
        Whether to enable the firewall, which by default rejects incoming
        connections except those the options below allow.
      '';
    };

    allowPing = mkOption {
      type = types.bool;
      default = true;
      description = "Whether to answer ICMP echo requests (ping).";
    };

    logRefusedConnections = mkOption {
      type = types.bool;
      default = true;
      description = "Whether to log refused connection attempts.";
    };

    rejectPackets = mkOption {
      type = types.bool;
      default = false;
      description = "Whether refused packets are rejected (the sender is told) rather than silently dropped.";
    };

    trustedInterfaces = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "enp0s2" ];
      description = "Network interfaces from which all traffic is accepted.";
    };

    interfaces = mkOption {
      type = types.attrsOf (types.submodule { options = portOptions; });
      default = { };
      description = "Ports opened only on the named network interface.";
    };

    extraCommands = mkOption {
      type = types.lines;
      default = "";
      example = "iptables -A INPUT -p icmp -j ACCEPT";
      description = "Extra commands run when the firewall starts.";
    };
  };
}
