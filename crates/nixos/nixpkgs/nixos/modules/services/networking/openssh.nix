# services.openssh: the OpenSSH server, its sshd.service and sshd_config.
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption mkEnableOption types mkIf concatMapStrings concatStringsSep;
  cfg = config.services.openssh;

  # A sshd_config value: booleans as yes/no, lists joined.
  toValue = v:
    if v == true then "yes" else if v == false then "no"
    else if builtins.isList v then concatStringsSep "," (map toString v)
    else toString v;

  settingsLines = concatMapStrings (name:
    let v = cfg.settings.${name}; in lib.optionalString (v != null) "${name} ${toValue v}\n")
    (builtins.attrNames cfg.settings);

  sshdConfig = ''
    UsePAM yes
    Banner none
    AddressFamily any
    ${concatMapStrings (port: "Port ${toString port}\n") cfg.ports}
    ${settingsLines}
    AuthorizedKeysFile ${toString cfg.authorizedKeysFiles}
    HostKey /etc/ssh/ssh_host_rsa_key
    HostKey /etc/ssh/ssh_host_ed25519_key
    ${cfg.extraConfig}
  '';
in
{
  options.services.openssh = {
    enable = mkEnableOption "the OpenSSH secure shell daemon, which allows secure remote logins";

    package = mkOption { type = types.package; default = pkgs.openssh; defaultText = lib.literalExpression "pkgs.openssh"; description = "The OpenSSH package."; };

    ports = mkOption {
      type = types.listOf types.port;
      default = [ 22 ];
      description = "The ports sshd listens on.";
    };

    openFirewall = mkOption {
      type = types.bool;
      default = true;
      description = "Whether to open `ports` in the firewall.";
    };

    authorizedKeysFiles = mkOption {
      type = types.listOf types.str;
      default = [ "%h/.ssh/authorized_keys" "/etc/ssh/authorized_keys.d/%u" ];
      description = "The files sshd reads authorized keys from.";
    };

    settings = mkOption {
      type = types.submodule {
        freeformType = types.attrsOf (types.nullOr (types.oneOf [ types.bool types.int types.str (types.listOf types.str) ]));
        options = {
          PasswordAuthentication = mkOption { type = types.bool; default = true; description = "Whether password logins are allowed."; };
          KbdInteractiveAuthentication = mkOption { type = types.bool; default = true; description = "Whether keyboard-interactive logins are allowed."; };
          PermitRootLogin = mkOption {
            type = types.enum [ "yes" "without-password" "prohibit-password" "forced-commands-only" "no" ];
            default = "prohibit-password";
            description = "Whether and how root may log in.";
          };
          X11Forwarding = mkOption { type = types.bool; default = false; description = "Whether X11 connections are forwarded."; };
          UseDns = mkOption { type = types.bool; default = false; description = "Whether client host names are checked in DNS."; };
          LogLevel = mkOption { type = types.nullOr (types.enum [ "QUIET" "FATAL" "ERROR" "INFO" "VERBOSE" "DEBUG" "DEBUG1" "DEBUG2" "DEBUG3" ]); default = "INFO"; description = "How much sshd logs."; };
        };
      };
      default = { };
      description = "Settings of sshd_config (see sshd_config(5)).";
    };

    extraConfig = mkOption { type = types.lines; default = ""; description = "Lines added verbatim to sshd_config."; };
  };

  config = mkIf cfg.enable {
    networking.firewall.allowedTCPPorts = mkIf cfg.openFirewall cfg.ports;

    environment.etc."ssh/sshd_config".text = sshdConfig;

    users.users.sshd = { isSystemUser = true; group = "sshd"; description = "SSH privilege separation user"; };
    users.groups.sshd = { };

    systemd.services.sshd = {
      description = "SSH Daemon";
      wantedBy = [ "multi-user.target" ];
      after = [ "network.target" ];
      stopIfChanged = false;
      path = [ cfg.package pkgs.gawk ];
      environment.LD_LIBRARY_PATH = "";
      restartTriggers = [ config.environment.etc."ssh/sshd_config".source ];
      preStart = ''
        # Make sure we don't write to stdout, since in case of
        # socket activation, it goes to the remote side (#19589).
        exec >&2

        mkdir -m 0755 -p /etc/ssh

        if ! [ -s "/etc/ssh/ssh_host_rsa_key" ]; then
          ssh-keygen -t "rsa" -b 4096 -f "/etc/ssh/ssh_host_rsa_key" -N ""
        fi
        if ! [ -s "/etc/ssh/ssh_host_ed25519_key" ]; then
          ssh-keygen -t "ed25519" -f "/etc/ssh/ssh_host_ed25519_key" -N ""
        fi
      '';
      serviceConfig = {
        ExecStart = "${cfg.package}/bin/sshd -D -f /etc/ssh/sshd_config";
        KillMode = "process";
        Restart = "always";
        Type = "simple";
      };
    };
  };
}
