# services.openssh: the OpenSSH server as NixOS configures it: sshd.service
# (or a socket-activated sshd@.service), /etc/ssh/sshd_config from
# `settings` and the module's own lines, host keys made at first start, and
# the firewall opening.
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption types mkIf optionalString concatMapStrings concatStringsSep;
  cfg = config.services.openssh;
  nullOr = types.nullOr;

  # A settings value as sshd_config writes it.
  valueText = v:
    if builtins.isInt v then toString v
    else if builtins.isString v then v
    else if v == true then "yes"
    else if v == false then "no"
    else throw "unsupported type ${builtins.typeOf v}: ${lib.generators.toPretty { } v}";

  # Keys whose list values are joined by commas, and by spaces.
  commaLists = [ "Ciphers" "KexAlgorithms" "Macs" ];
  spaceLists = [ "AuthorizedKeysFile" "AllowGroups" "AllowUsers" "DenyGroups" "DenyUsers" ];

  settingsText = concatStringsSep "" (lib.mapAttrsToList (key: value:
    let
      flat =
        if builtins.isList value then
          (if builtins.elem key commaLists then concatStringsSep "," value
           else if builtins.elem key spaceLists then concatStringsSep " " value
           else throw "list value for unknown key ${key}: ${lib.generators.toPretty { } value}")
        else value;
    in "${key} ${valueText flat}\n") (lib.filterAttrs (_: v: v != null) cfg.settings));

  sshdConfig = pkgs.writeText "sshd.conf-final" (settingsText + cfg.extraConfig + "\n");

  # The commands that make one host key when it is missing.
  hostKeyScript = k: ''
    if ! [ -s "${k.path}" ]; then
        if ! [ -h "${k.path}" ]; then
            rm -f "${k.path}"
        fi
        mkdir -m 0755 -p "$(dirname '${k.path}')"
        ssh-keygen \
          -t "${k.type}" \
          ${optionalString (k ? bits) "-b ${toString k.bits}"} \
          ${optionalString (k ? rounds) "-a ${toString k.rounds}"} \
          ${optionalString (k ? comment) "-C '${k.comment}'"} \
          ${optionalString (k ? openSSHFormat && k.openSSHFormat) "-o"} \
          -f "${k.path}" \
          -N ""
    fi
  '';

  service = {
    description = "SSH Daemon";
    wantedBy = lib.optional (!cfg.startWhenNeeded) "multi-user.target";
    after = [ "network.target" ];
    stopIfChanged = false;
    path = [ cfg.package pkgs.gawk ];
    environment.LD_LIBRARY_PATH = "${config.systemd.package}/lib";
    restartTriggers = lib.optionals (!cfg.startWhenNeeded) [ config.environment.etc."ssh/sshd_config".source ];
    preStart = ''
      # Make sure we don't write to stdout, since in case of
      # socket activation, it goes to the remote side (#19589).
      exec >&2

      ${concatMapStrings hostKeyScript cfg.hostKeys}
    '';
    serviceConfig = {
      ExecStart = optionalString cfg.startWhenNeeded "-"
        + "${cfg.package}/bin/sshd " + optionalString cfg.startWhenNeeded "-i "
        + "-D -f /etc/ssh/sshd_config";
      KillMode = "process";
    } // (if cfg.startWhenNeeded then {
      StandardInput = "socket";
      StandardError = "journal";
    } else {
      Restart = "always";
      Type = "simple";
    });
  };

  setting = type: default: description: mkOption { type = nullOr type; inherit default description; };
in
{
  options.services.openssh = {
    enable = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to run the OpenSSH server, which lets people log in to this machine securely over the network.";
    };

    package = mkOption {
      type = types.package;
      default = pkgs.openssh;
      defaultText = lib.literalExpression "programs.ssh.package";
      description = "The OpenSSH package sshd comes from.";
    };

    startWhenNeeded = mkOption {
      type = types.bool;
      default = false;
      description = "Whether sshd is started by systemd for each connection (socket activation) instead of running all the time.";
    };

    allowSFTP = mkOption { type = types.bool; default = true; description = "Whether the SFTP subsystem is offered (for sftp, sshfs, …)."; };

    sftpServerExecutable = mkOption {
      type = types.str;
      example = "internal-sftp";
      description = "The program serving SFTP, or `internal-sftp` for sshd's built-in one.";
    };

    sftpFlags = mkOption { type = types.listOf types.str; default = [ ]; example = [ "-f AUTHPRIV" "-l INFO" ]; description = "Command-line flags of the SFTP server."; };

    ports = mkOption { type = types.listOf types.port; default = [ 22 ]; description = "The ports sshd listens on."; };

    openFirewall = mkOption { type = types.bool; default = true; description = "Whether `ports` are opened in the firewall."; };

    listenAddresses = mkOption {
      type = types.listOf (types.submodule {
        options = {
          addr = mkOption { type = nullOr types.str; default = null; description = "The host name or address to listen on."; };
          port = mkOption { type = nullOr types.int; default = null; description = "The port; null for every port of `ports`."; };
        };
      });
      default = [ ];
      example = [ { addr = "192.168.3.1"; port = 22; } ];
      description = "Addresses (and ports) to listen on instead of every address (`ListenAddress`); they are not opened in the firewall.";
    };

    hostKeys = mkOption {
      type = types.listOf types.attrs;
      default = [
        { type = "rsa"; bits = 4096; path = "/etc/ssh/ssh_host_rsa_key"; }
        { type = "ed25519"; path = "/etc/ssh/ssh_host_ed25519_key"; }
      ];
      description = "The host keys, made at first start when missing: each with `path`, `type` and optionally `bits`, `rounds`, `comment`.";
    };

    banner = mkOption { type = nullOr types.lines; default = null; description = "A message shown to people before they authenticate."; };

    authorizedKeysFiles = mkOption { type = types.listOf types.str; default = [ ]; description = "Files sshd reads authorized keys from (`AuthorizedKeysFile`)."; };
    authorizedKeysInHomedir = mkOption { type = types.bool; default = true; description = "Whether `~/.ssh/authorized_keys` is trusted as well as /etc/ssh/authorized_keys.d."; };
    authorizedKeysCommand = mkOption { type = types.str; default = "none"; description = "A program printing a user's public keys (`AuthorizedKeysCommand`)."; };
    authorizedKeysCommandUser = mkOption { type = types.str; default = "nobody"; description = "The user `authorizedKeysCommand` runs as."; };

    settings = mkOption {
      type = types.submodule {
        freeformType = types.attrsOf (nullOr (types.oneOf [ types.bool types.int types.str (types.listOf types.str) ]));
        options = {
          AuthorizedPrincipalsFile = setting types.str "none" "A file listing principal names accepted for certificate logins; `none` for none.";
          LogLevel = setting (types.enum [ "QUIET" "FATAL" "ERROR" "INFO" "VERBOSE" "DEBUG" "DEBUG1" "DEBUG2" "DEBUG3" ]) "INFO" "How much sshd logs (DEBUG levels expose users' private data).";
          UsePAM = setting types.bool true "Whether logins go through PAM.";
          UseDns = setting types.bool false "Whether sshd resolves clients' addresses to host names and checks them.";
          X11Forwarding = setting types.bool false "Whether X11 connections may be forwarded.";
          PasswordAuthentication = setting types.bool true "Whether logging in with a password is allowed.";
          PermitRootLogin = setting (types.enum [ "yes" "without-password" "prohibit-password" "forced-commands-only" "no" ]) "prohibit-password" "Whether and how root may log in.";
          KbdInteractiveAuthentication = setting types.bool true "Whether keyboard-interactive logins are allowed.";
          GatewayPorts = setting types.str "no" "Whether remote hosts may connect to ports forwarded for the client.";
          KexAlgorithms = setting (types.listOf types.str) [
            "sntrup761x25519-sha512@openssh.com"
            "curve25519-sha256"
            "curve25519-sha256@libssh.org"
            "diffie-hellman-group-exchange-sha256"
          ] "The key exchange algorithms allowed.";
          Macs = setting (types.listOf types.str) [
            "hmac-sha2-512-etm@openssh.com"
            "hmac-sha2-256-etm@openssh.com"
            "umac-128-etm@openssh.com"
          ] "The message authentication codes allowed.";
          StrictModes = setting types.bool true "Whether sshd checks the modes and owners of users' files before accepting logins.";
          Ciphers = setting (types.listOf types.str) [
            "chacha20-poly1305@openssh.com"
            "aes256-gcm@openssh.com"
            "aes128-gcm@openssh.com"
            "aes256-ctr"
            "aes192-ctr"
            "aes128-ctr"
          ] "The ciphers allowed.";
          AllowUsers = setting (types.listOf types.str) null "When set, only these users may log in.";
          DenyUsers = setting (types.listOf types.str) null "Users who may not log in (checked before `AllowUsers`).";
          AllowGroups = setting (types.listOf types.str) null "When set, only members of these groups may log in.";
          DenyGroups = setting (types.listOf types.str) null "Groups whose members may not log in (checked before `AllowGroups`).";
          PrintMotd = setting types.bool false "Whether sshd prints /etc/motd at interactive logins (PAM does it otherwise).";
        };
      };
      default = { };
      example = { UseDns = true; PasswordAuthentication = false; };
      description = "Settings of sshd_config(5); booleans become yes/no.";
    };

    extraConfig = mkOption { type = types.lines; default = ""; description = "Lines added verbatim to sshd_config."; };

    moduliFile = mkOption { type = types.path; example = "/etc/my-local-ssh-moduli"; description = "The moduli file installed as /etc/ssh/moduli (OpenSSH's by default)."; };
  };

  config = mkIf cfg.enable {
    users.users.sshd = { isSystemUser = true; group = "sshd"; description = "SSH privilege separation user"; };
    users.groups.sshd = { };

    services.openssh.moduliFile = lib.mkDefault "${cfg.package}/etc/ssh/moduli";
    services.openssh.sftpServerExecutable = lib.mkDefault "${cfg.package}/libexec/sftp-server";

    # Per-user authorized keys (read by sshd from /etc/ssh/authorized_keys.d),
    # the moduli file and sshd_config.
    environment.etc = lib.mapAttrs' (name: user: lib.nameValuePair "ssh/authorized_keys.d/${user.name}" {
      mode = "0444";
      source = pkgs.writeText "${user.name}-authorized_keys" ''
        ${concatStringsSep "\n" user.openssh.authorizedKeys.keys}
        ${concatMapStrings (f: builtins.readFile f + "\n") user.openssh.authorizedKeys.keyFiles}
      '';
    }) (lib.filterAttrs (_: u: u.openssh.authorizedKeys.keys != [ ] || u.openssh.authorizedKeys.keyFiles != [ ]) config.users.users)
    // {
      "ssh/moduli".source = cfg.moduliFile;
      "ssh/sshd_config".source = sshdConfig;
    };

    systemd.services = if cfg.startWhenNeeded then { "sshd@" = service; } else { sshd = service; };
    systemd.sockets = mkIf cfg.startWhenNeeded {
      sshd = {
        description = "SSH Socket";
        wantedBy = [ "sockets.target" ];
        socketConfig.ListenStream =
          if cfg.listenAddresses != [ ] then
            lib.concatMap ({ addr, port }:
              if port != null then [ "${addr}:${toString port}" ] else map (p: "${addr}:${toString p}") cfg.ports)
              cfg.listenAddresses
          else cfg.ports;
        socketConfig.Accept = true;
        socketConfig.TriggerLimitIntervalSec = 0;
      };
    };

    networking.firewall.allowedTCPPorts = lib.optionals cfg.openFirewall cfg.ports;

    services.openssh.authorizedKeysFiles =
      lib.optional cfg.authorizedKeysInHomedir "%h/.ssh/authorized_keys" ++ [ "/etc/ssh/authorized_keys.d/%u" ];

    services.openssh.extraConfig = lib.mkOrder 0 ''
      Banner ${if cfg.banner == null then "none" else pkgs.writeText "ssh_banner" cfg.banner}

      AddressFamily ${if config.networking.enableIPv6 then "any" else "inet"}
      ${concatMapStrings (port: ''
        Port ${toString port}
      '') cfg.ports}

      ${concatMapStrings ({ port, addr, ... }: ''
        ListenAddress ${addr}${optionalString (port != null) (":" + toString port)}
      '') cfg.listenAddresses}

      ${""}
      ${optionalString cfg.allowSFTP ''
        Subsystem sftp ${cfg.sftpServerExecutable} ${concatStringsSep " " cfg.sftpFlags}
      ''}
      AuthorizedKeysFile ${toString cfg.authorizedKeysFiles}
      ${optionalString (cfg.authorizedKeysCommand != "none") ''
        AuthorizedKeysCommand ${cfg.authorizedKeysCommand}
        AuthorizedKeysCommandUser ${cfg.authorizedKeysCommandUser}
      ''}

      ${concatMapStrings (k: ''
        HostKey ${k.path}
      '') cfg.hostKeys}
    '';

    assertions = [
      {
        assertion = lib.length (lib.filter (l: lib.length l > 1) (lib.attrValues (lib.groupBy lib.toLower (lib.attrNames cfg.settings)))) == 0;
        message = "Duplicate sshd config key; does your capitalization match the option's? Duplicate keys: ${
          lib.concatMapStringsSep ", " (d: "(${concatStringsSep ", " d})")
            (lib.filter (l: lib.length l > 1) (lib.attrValues (lib.groupBy lib.toLower (lib.attrNames cfg.settings))))}";
      }
    ] ++ map ({ addr, ... }: {
      assertion = addr != null;
      message = "addr must be specified in each listenAddresses entry";
    }) cfg.listenAddresses;
  };
}
