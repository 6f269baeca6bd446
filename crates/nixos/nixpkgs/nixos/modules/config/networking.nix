# networking.hostName, networking.domain, networking.hosts and IPv6: the
# machine's names and the /etc/hostname and /etc/hosts files from them.
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption types optional optionalString concatStringsSep concatMapStrings attrNames filterAttrs;
  cfg = config.networking;

  # host-file lines: "IP name…" for each address with names.
  hostsLines = hosts: concatMapStrings
    (ip: ip + " " + concatStringsSep " " hosts.${ip} + "\n")
    (attrNames (filterAttrs (_: names: names != [ ]) hosts));
in
{
  options.networking = {
    hostName = mkOption {
      type = types.strMatching or (_: types.str) "^$|^[[:alnum:]]([[:alnum:]_-]{0,61}[[:alnum:]])?$";
      default = "nixos";
      description = ''
        The name of the machine (a single DNS label: letters, digits,
        hyphens and underscores). Leave it empty to get it from DHCP.
      '';
    };

    domain = mkOption {
      type = types.nullOr (types.strMatching or (_: types.str) "^[[:alnum:]]([[:alnum:]_-]{0,61}[[:alnum:]])?(\\.[[:alnum:]]([[:alnum:]_-]{0,61}[[:alnum:]])?)*$");
      default = null;
      example = "home.arpa";
      description = "The domain of the machine; with `hostName` it makes the fully qualified name.";
    };

    fqdn = mkOption {
      type = types.str;
      readOnly = true;
      description = "The fully qualified domain name, `hostName.domain` (only when both are set).";
    };

    enableIPv6 = mkOption {
      type = types.bool;
      default = true;
      description = "Whether to enable IPv6 support.";
    };

    hosts = mkOption {
      type = types.attrsOf (types.listOf types.str);
      example = { "127.0.0.1" = [ "foo.bar.baz" ]; "192.168.0.2" = [ "fileserver.local" "nameserver.local" ]; };
      description = "Lines of /etc/hosts: for each IP address, the names it resolves.";
    };

    extraHosts = mkOption {
      type = types.lines;
      default = "";
      example = "192.168.0.1 lanlocalhost";
      description = "Lines added verbatim to the end of /etc/hosts.";
    };

    nameservers = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "130.161.158.4" "130.161.33.17" ];
      description = "The addresses of name servers the machine queries.";
    };
  };

  config = {
    networking.fqdn =
      if cfg.hostName != "" && cfg.domain != null then "${cfg.hostName}.${cfg.domain}"
      else throw ''
        The FQDN is required but cannot be determined from `networking.hostName`
        and `networking.domain`. Please ensure these options are set properly or
        set networking.fqdn directly.
      '';

    # The machine's names (fully qualified first) resolve to loopback.
    networking.hosts =
      let
        names = optional (cfg.hostName != "" && cfg.domain != null) "${cfg.hostName}.${cfg.domain}"
          ++ optional (cfg.hostName != "") cfg.hostName;
      in
      { "127.0.0.2" = names; } // lib.optionalAttrs cfg.enableIPv6 { "::1" = names; };

    environment.etc.hostname = lib.mkIf (cfg.hostName != "") { text = cfg.hostName + "\n"; };

    environment.etc.hosts.text =
      "127.0.0.1 localhost\n${optionalString cfg.enableIPv6 "::1 localhost"}\n"
      + hostsLines cfg.hosts
      + cfg.extraHosts;
  };
}
