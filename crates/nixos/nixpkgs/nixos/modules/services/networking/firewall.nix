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
      description = "Shell commands run by the firewall's start script just before the final refusing rule (iptables backend).";
    };

    extraStopCommands = mkOption {
      type = types.lines;
      default = "";
      example = "iptables -P INPUT ACCEPT";
      description = "Shell commands run by the firewall's stop and reload scripts (iptables backend).";
    };

    backend = mkOption {
      type = types.enum [ "iptables" "nftables" "firewalld" ];
      default = "iptables";
      description = "The firewall implementation. Nixpen renders the iptables one.";
    };

    package = mkOption {
      type = types.package;
      default = pkgs.iptables;
      defaultText = lib.literalExpression "pkgs.iptables";
      description = "The package providing the firewall's commands.";
    };

    extraPackages = mkOption {
      type = types.listOf types.package;
      default = [ ];
      description = "More packages on the firewall scripts' PATH.";
    };

    checkReversePath = mkOption {
      type = types.either types.bool (types.enum [ "strict" "loose" ]);
      default = true;
      description = "Whether to drop packets whose source address would not be routed back through the interface they came in on.";
    };

    logReversePathDrops = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to log packets dropped by the reverse path check.";
    };

    logRefusedPackets = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to log every refused packet, not only connection attempts.";
    };

    logRefusedUnicastsOnly = mkOption {
      type = types.bool;
      default = true;
      description = "Whether `logRefusedPackets` logs only unicast packets (not broadcasts and multicasts).";
    };

    pingLimit = mkOption {
      type = types.nullOr (types.separatedString " ");
      default = null;
      example = "--limit 1/minute --limit-burst 5";
      description = "iptables limit arguments for answered pings; null for no limit.";
    };

    allInterfaces = mkOption {
      type = types.attrsOf (types.submodule { options = portOptions; });
      internal = true;
      readOnly = true;
      description = "The ports per interface, with `default` holding the ones open on every interface.";
    };
  };

  config.networking.firewall.allInterfaces = {
    default = { inherit (cfg) allowedTCPPorts allowedTCPPortRanges allowedUDPPorts allowedUDPPortRanges; };
  } // cfg.interfaces;
}
