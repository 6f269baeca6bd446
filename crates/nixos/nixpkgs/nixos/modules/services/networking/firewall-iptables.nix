# The iptables firewall NixOS builds from networking.firewall:
# firewall.service and its start, reload and stop scripts (the rules for
# the allowed ports are written into the start script).
{ config, lib, pkgs, ... }:

let
  inherit (lib) optionalString concatStrings concatMapStrings mapAttrsToList;
  cfg = config.networking.firewall;
  ipv6 = config.networking.enableIPv6;
  rpfilter = cfg.checkReversePath != false;

  # script name text: an executable `bin/name` running `text` under
  # `sh -e`; returns { path; text; } like the unit job scripts.
  script = name: body:
    let
      text = ''
        #! ${pkgs.runtimeShell} -e
        ${body}
      '';
      drv = pkgs.writeScriptBin name text;
    in { path = "${drv}/bin/${name}"; inherit text; };

  # The shell function that runs a rule for IPv4 and (when on) IPv6.
  helpers = ''
    # Helper command to manipulate both the IPv4 and IPv6 tables.
    ip46tables() {
      iptables -w "$@"
      ${optionalString ipv6 ''
        ip6tables -w "$@"
      ''}
    }
  '';

  # Rules accepting `items` (ports or ranges) of protocol `proto` on every
  # interface entry (`default` is all interfaces).
  acceptRules = proto: pick: render: concatStrings (mapAttrsToList (iface: ports:
    concatMapStrings (item: ''
      ip46tables -A nixos-fw -p ${proto} --dport ${render item} -j nixos-fw-accept ${optionalString (iface != "default") "-i ${iface}"}
    '') (pick ports)) cfg.allInterfaces);

  rangeText = r: toString r.from + ":" + toString r.to;

  refuseRules =
    if cfg.rejectPackets then ''
      # Send a reset for existing TCP connections that we've
      # somehow forgotten about.  Send ICMP "port unreachable"
      # for everything else.
      ip46tables -A nixos-fw-refuse -p tcp ! --syn -j REJECT --reject-with tcp-reset
      ip46tables -A nixos-fw-refuse -j REJECT
    '' else ''
      ip46tables -A nixos-fw-refuse -j DROP
    '';

  rpfilterRules = optionalString rpfilter ''
    # Perform a reverse-path test to refuse spoofers
    # For now, we just drop, as the mangle table doesn't have a log-refuse yet
    ip46tables -t mangle -N nixos-fw-rpfilter 2> /dev/null || true
    ip46tables -t mangle -A nixos-fw-rpfilter -m rpfilter --validmark ${optionalString (cfg.checkReversePath == "loose") "--loose"} -j RETURN

    # Allows this host to act as a DHCP4 client without first having to use APIPA
    iptables -t mangle -A nixos-fw-rpfilter -p udp --sport 67 --dport 68 -j RETURN

    # Allows this host to act as a DHCPv4 server
    iptables -t mangle -A nixos-fw-rpfilter -s 0.0.0.0 -d 255.255.255.255 -p udp --sport 68 --dport 67 -j RETURN

    ${optionalString cfg.logReversePathDrops ''
      ip46tables -t mangle -A nixos-fw-rpfilter -j LOG --log-level info --log-prefix "rpfilter drop: "
    ''}
    ip46tables -t mangle -A nixos-fw-rpfilter -j DROP

    ip46tables -t mangle -A PREROUTING -j nixos-fw-rpfilter
  '';

  start = script "firewall-start" ''
    ${helpers}

    # Flush the old firewall rules.  !!! Ideally, updating the
    # firewall would be atomic.  Apparently that's possible
    # with iptables-restore.
    ip46tables -D INPUT -j nixos-fw 2> /dev/null || true
    for chain in nixos-fw nixos-fw-accept nixos-fw-log-refuse nixos-fw-refuse; do
      ip46tables -F "$chain" 2> /dev/null || true
      ip46tables -X "$chain" 2> /dev/null || true
    done


    # The "nixos-fw-accept" chain just accepts packets.
    ip46tables -N nixos-fw-accept
    ip46tables -A nixos-fw-accept -j ACCEPT


    # The "nixos-fw-refuse" chain rejects or drops packets.
    ip46tables -N nixos-fw-refuse

    ${refuseRules}


    # The "nixos-fw-log-refuse" chain performs logging, then
    # jumps to the "nixos-fw-refuse" chain.
    ip46tables -N nixos-fw-log-refuse

    ${optionalString cfg.logRefusedConnections ''
      ip46tables -A nixos-fw-log-refuse -p tcp --syn -j LOG --log-level info --log-prefix "refused connection: "
    ''}
    ${optionalString (cfg.logRefusedPackets && !cfg.logRefusedUnicastsOnly) ''
      ip46tables -A nixos-fw-log-refuse -m pkttype --pkt-type broadcast \
        -j LOG --log-level info --log-prefix "refused broadcast: "
      ip46tables -A nixos-fw-log-refuse -m pkttype --pkt-type multicast \
        -j LOG --log-level info --log-prefix "refused multicast: "
    ''}
    ip46tables -A nixos-fw-log-refuse -m pkttype ! --pkt-type unicast -j nixos-fw-refuse
    ${optionalString cfg.logRefusedPackets ''
      ip46tables -A nixos-fw-log-refuse \
        -j LOG --log-level info --log-prefix "refused packet: "
    ''}
    ip46tables -A nixos-fw-log-refuse -j nixos-fw-refuse


    # The "nixos-fw" chain does the actual work.
    ip46tables -N nixos-fw

    # Clean up rpfilter rules
    ip46tables -t mangle -D PREROUTING -j nixos-fw-rpfilter 2> /dev/null || true
    ip46tables -t mangle -F nixos-fw-rpfilter 2> /dev/null || true
    ip46tables -t mangle -X nixos-fw-rpfilter 2> /dev/null || true

    ${rpfilterRules}

    # Accept all traffic on the trusted interfaces.
    ${concatMapStrings (iface: ''
      ip46tables -A nixos-fw -i ${iface} -j nixos-fw-accept
    '') cfg.trustedInterfaces}

    # Allow DHCP server requests from systemd virtual network interfaces.
    # ve-+: nspawn --network-veth
    ip46tables -A nixos-fw -i ve-+ -p udp --dport 67 -j nixos-fw-accept
    # vz-+: nspawn --network-zone
    ip46tables -A nixos-fw -i vz-+ -p udp --dport 67 -j nixos-fw-accept
    # vt-+: vmspawn TAP
    ip46tables -A nixos-fw -i vt-+ -p udp --dport 67 -j nixos-fw-accept
    # ns-+: nsresourced network namespaces.
    ip46tables -A nixos-fw -i ns-+ -p udp --dport 67 -j nixos-fw-accept

    # Accept packets from established or related connections.
    ip46tables -A nixos-fw -m conntrack --ctstate ESTABLISHED,RELATED -j nixos-fw-accept

    # Accept connections to the allowed TCP ports.
    ${acceptRules "tcp" (i: i.allowedTCPPorts) toString}

    # Accept connections to the allowed TCP port ranges.
    ${acceptRules "tcp" (i: i.allowedTCPPortRanges) rangeText}

    # Accept packets on the allowed UDP ports.
    ${acceptRules "udp" (i: i.allowedUDPPorts) toString}

    # Accept packets on the allowed UDP port ranges.
    ${acceptRules "udp" (i: i.allowedUDPPortRanges) rangeText}

    # Optionally respond to ICMPv4 pings.
    ${optionalString cfg.allowPing ''
      iptables -w -A nixos-fw -p icmp --icmp-type echo-request ${optionalString (cfg.pingLimit != null) "-m limit ${cfg.pingLimit} "}-j nixos-fw-accept
    ''}

    ${optionalString ipv6 ''
      # Accept all ICMPv6 messages except redirects and node
      # information queries (type 139).  See RFC 4890, section
      # 4.4.
      ip6tables -A nixos-fw -p icmpv6 --icmpv6-type redirect -j DROP
      ip6tables -A nixos-fw -p icmpv6 --icmpv6-type 139 -j DROP
      ip6tables -A nixos-fw -p icmpv6 -j nixos-fw-accept

      # Allow this host to act as a DHCPv6 client
      ip6tables -A nixos-fw -d fe80::/64 -p udp --dport 546 -j nixos-fw-accept
    ''}

    ${cfg.extraCommands}

    # Reject/drop everything else.
    ip46tables -A nixos-fw -j nixos-fw-log-refuse


    # Enable the firewall.
    ip46tables -A INPUT -j nixos-fw
  '';

  stop = script "firewall-stop" ''
    ${helpers}

    # Clean up in case reload fails
    ip46tables -D INPUT -j nixos-drop 2>/dev/null || true

    # Clean up after added ruleset
    ip46tables -D INPUT -j nixos-fw 2>/dev/null || true

    ${optionalString rpfilter ''
      ip46tables -t mangle -D PREROUTING -j nixos-fw-rpfilter 2>/dev/null || true
    ''}

    ${cfg.extraStopCommands}
  '';

  reload = script "firewall-reload" ''
    ${helpers}

    # Create a unique drop rule
    ip46tables -D INPUT -j nixos-drop 2>/dev/null || true
    ip46tables -F nixos-drop 2>/dev/null || true
    ip46tables -X nixos-drop 2>/dev/null || true
    ip46tables -N nixos-drop
    ip46tables -A nixos-drop -j DROP

    # Don't allow traffic to leak out until the script has completed
    ip46tables -A INPUT -j nixos-drop

    ${cfg.extraStopCommands}

    if ${start.path}; then
      ip46tables -D INPUT -j nixos-drop 2>/dev/null || true
    else
      echo "Failed to reload firewall... Stopping"
      ${stop.path}
      exit 1
    fi
  '';
in
{
  config = lib.mkIf (cfg.enable && cfg.backend == "iptables") {
    systemd.services.firewall = {
      description = "Firewall";
      wantedBy = [ "sysinit.target" ];
      wants = [ "network-pre.target" ];
      after = [ "systemd-modules-load.service" ];
      before = [ "network-pre.target" "shutdown.target" ];
      conflicts = [ "shutdown.target" ];
      path = [ cfg.package ] ++ cfg.extraPackages;
      unitConfig.ConditionCapability = "CAP_NET_ADMIN";
      unitConfig.DefaultDependencies = false;
      reloadIfChanged = true;
      jobScripts = [ start reload stop ];
      serviceConfig = {
        Type = "oneshot";
        RemainAfterExit = true;
        ExecStart = "@${start.path} firewall-start";
        ExecReload = "@${reload.path} firewall-reload";
        ExecStop = "@${stop.path} firewall-stop";
      };
    };
  };
}
