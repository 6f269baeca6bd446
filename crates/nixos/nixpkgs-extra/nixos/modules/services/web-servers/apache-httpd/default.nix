# services.httpd: the Apache HTTP Server, as NixOS's apache-httpd module
# models it (nixos/modules/services/web-servers/apache-httpd/): its options
# with NixOS's names, types and defaults, /etc/httpd/httpd.conf
# (config-text.nix), httpd.service, the wwwrun user, ACME certificates for
# hosts with enableACME, and httpd-config-reload.service when hosts use
# certificates. Not modelled: the PHP and mod_perl builds (enablePHP loads
# the php package's module as is), logrotate's settings, the options
# NixOS has removed or renamed here (each an import that every render
# would pay for), and the ordering of units on the older ACME setup
# (acme-finished targets): certificates order as for nginx
# (nixos/modules/security/acme.nix).
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption mkEnableOption mkIf mkDefault mkOverride mkBefore types;

  cfg = config.services.httpd;
  certs = config.security.acme.certs;
  pkg = cfg.package.out;

  rendered = import ./config-text.nix { inherit lib pkgs cfg certs; hostName = config.networking.hostName; };
  hosts = rendered.hosts;

  confFile = pkgs.writeText "httpd.conf" rendered.text;

  apachectl = pkgs.runCommand "apachectl" { meta.priority = -1; } ''
    mkdir -p $out/bin
    cp ${pkg}/bin/apachectl $out/bin/apachectl
    sed -i $out/bin/apachectl -e 's|$HTTPD -t|$HTTPD -t -f /etc/httpd/httpd.conf|'
  '';

  # Hosts whose certificate comes from ACME, and the certificates' names.
  acmeHosts = builtins.filter (h: h.enableACME || h.useACMEHost != null) hosts;
  certName = h: if h.useACMEHost != null then h.useACMEHost else h.hostName;
  certNames = lib.unique (map certName acmeHosts);

  # Modules httpd loads besides those it needs to run (NixOS's list).
  defaultModules = [
    "auth_basic" "auth_digest"
    "authn_file" "authn_dbm" "authn_anon"
    "authz_user" "authz_groupfile" "authz_host"
    "ext_filter" "include" "env" "mime_magic" "cern_meta" "expires" "headers" "usertrack" "setenvif" "dav"
    "status" "asis" "info" "dav_fs" "vhost_alias" "imagemap" "actions" "speling" "proxy" "proxy_http"
    "cache" "cache_disk"
    "access_compat"
  ];

  str = default: description: mkOption { type = types.str; inherit default description; };
in
{
  options.services.httpd = {
    enable = mkEnableOption "the Apache HTTP Server";
    package = lib.mkPackageOption pkgs "apacheHttpd" { };
    configFile = mkOption {
      type = types.path;
      default = confFile;
      defaultText = lib.literalExpression "confFile";
      description = "The httpd.conf httpd runs with; the one made from these options by default.";
    };
    extraConfig = mkOption { type = types.lines; default = ""; description = "Lines added to httpd.conf before the virtual hosts."; };
    extraModules = mkOption {
      type = types.listOf types.unspecified;
      default = [ ];
      example = [ "proxy_connect" ];
      description = "More modules to load: names of httpd's own, or `{ name; path; }`.";
    };
    adminAddr = mkOption { type = types.nullOr types.str; default = null; example = "admin@example.org"; description = "The administrator's address (ServerAdmin) of hosts that do not set theirs."; };
    logFormat = mkOption {
      type = types.either (types.enum [ "combined" "common" "referer" "agent" "none" ]) types.str;
      default = "common";
      description = "The access log's format: a named one, a format string, or `none` (no log files).";
    };
    logLevel = mkOption {
      type = types.nullOr (types.enum [ "emerg" "alert" "crit" "error" "warn" "notice" "info" "debug"
        "trace1" "trace2" "trace3" "trace4" "trace5" "trace6" "trace7" "trace8" ]);
      default = "notice";
      example = "crit";
      description = "How much the error log says (LogLevel).";
    };
    logPerVirtualHost = mkOption { type = types.bool; default = true; description = "Whether each host has its own access and error logs."; };
    user = str "wwwrun" "The user httpd's workers run as.";
    group = str "wwwrun" "The group httpd's workers run as.";
    logDir = mkOption { type = types.path; default = "/var/log/httpd"; description = "The folder of httpd's logs."; };
    virtualHosts = mkOption {
      type = types.attrsOf (types.submodule (import ./vhost-options.nix));
      default = { localhost = { documentRoot = "${pkg}/htdocs"; }; };
      defaultText = lib.literalExpression ''{ localhost = { documentRoot = "''${package.out}/htdocs"; }; }'';
      example = { "example.org" = { forceSSL = true; enableACME = true; documentRoot = "/var/www/example.org"; }; };
      description = "The virtual hosts httpd serves, by name.";
    };
    enableMellon = mkEnableOption "the mod_auth_mellon module";
    enablePHP = mkEnableOption "the PHP module";
    phpPackage = lib.mkPackageOption pkgs "php" { };
    enablePerl = mkEnableOption "the Perl module (mod_perl)";
    phpOptions = mkOption { type = types.lines; default = ""; example = "date.timezone = \"CET\""; description = "Lines added to php.ini."; };
    mpm = mkOption { type = types.enum [ "event" "prefork" "worker" ]; default = "event"; example = "worker"; description = "The multi-processing module."; };
    maxClients = mkOption { type = types.int; default = 150; example = 8; description = "The most httpd processes (prefork)."; };
    maxRequestsPerChild = mkOption { type = types.int; default = 0; example = 500; description = "Requests one process answers before it is replaced (prefork; 0: no limit)."; };
    sslCiphers = str "HIGH:!aNULL:!MD5:!EXP" "The cipher suites TLS may use (SSLCipherSuite).";
    sslProtocols = str "All -SSLv2 -SSLv3 -TLSv1 -TLSv1.1" "The TLS versions allowed (SSLProtocol).";
  };

  config = mkIf cfg.enable {
    assertions = [
      {
        assertion = builtins.all (h: !h.enableSSL) hosts;
        message = ''
          The option `services.httpd.virtualHosts.<name>.enableSSL` no longer has any effect; please remove it.
          Select one of `services.httpd.virtualHosts.<name>.addSSL`, `services.httpd.virtualHosts.<name>.forceSSL`,
          or `services.httpd.virtualHosts.<name>.onlySSL`.
        '';
      }
      {
        assertion = builtins.all (h: !(h.addSSL && h.onlySSL) && !(h.forceSSL && h.onlySSL) && !(h.addSSL && h.forceSSL)) hosts;
        message = ''
          Options `services.httpd.virtualHosts.<name>.addSSL`,
          `services.httpd.virtualHosts.<name>.onlySSL` and `services.httpd.virtualHosts.<name>.forceSSL`
          are mutually exclusive.
        '';
      }
      {
        assertion = builtins.all (h: !(h.enableACME && h.useACMEHost != null)) hosts;
        message = ''
          Options `services.httpd.virtualHosts.<name>.enableACME` and
          `services.httpd.virtualHosts.<name>.useACMEHost` are mutually exclusive.
        '';
      }
    ];

    warnings = lib.mapAttrsToList (name: _: ''
      Using config.services.httpd.virtualHosts."${name}".servedFiles is deprecated and will become unsupported in a future release. Your configuration will continue to work as is but please migrate your configuration to config.services.httpd.virtualHosts."${name}".locations before the 20.09 release of NixOS.
    '') (lib.filterAttrs (_: h: h.servedFiles != [ ]) cfg.virtualHosts);

    users.users = lib.optionalAttrs (cfg.user == "wwwrun") {
      wwwrun = { group = cfg.group; description = "Apache httpd user"; uid = config.ids.uids.wwwrun; };
    };
    users.groups = lib.optionalAttrs (cfg.group == "wwwrun") { wwwrun.gid = config.ids.gids.wwwrun; };

    security.acme.certs = builtins.listToAttrs (map (h:
      let hasRoot = h.acmeRoot != null; in
      lib.nameValuePair h.hostName {
        group = mkDefault cfg.group;
        webroot = mkOverride (if hasRoot then 1000 else 2000) h.acmeRoot;
        dnsProvider = mkOverride (if hasRoot then 1000 else 2000) null;
        extraDomainNames = h.serverAliases;
        email = mkOverride 2000 (if h.adminAddr != null then h.adminAddr else cfg.adminAddr);
      }) (builtins.filter (h: h.useACMEHost == null) acmeHosts));

    environment.etc."httpd/httpd.conf".source = cfg.configFile;
    environment.systemPackages = [ apachectl pkg ];

    services.httpd.phpOptions = ''
      ; Don't advertise PHP
      expose_php = off
    '' + lib.optionalString (config.time.timeZone != null) ''

      ; Apparently PHP doesn't use $TZ.
      date.timezone = "${config.time.timeZone}"
    '';

    services.httpd.extraModules = mkBefore defaultModules;

    systemd.tmpfiles.rules =
      let svc = config.systemd.services.httpd.serviceConfig; in
      [ "d '${cfg.logDir}' 0700 ${svc.User} ${svc.Group}" "Z '${cfg.logDir}' - ${svc.User} ${svc.Group}" ];

    systemd.services.httpd = {
      description = "Apache HTTPD";
      wantedBy = [ "multi-user.target" ];
      wants = map (c: "acme-${c}.service") certNames;
      after = [ "network.target" ] ++ map (c: "acme-${c}.service") certNames;
      before = map (c: "acme-order-renew-${c}.service") certNames;
      restartTriggers = [ cfg.configFile ];
      path = [ pkg pkgs.coreutils pkgs.gnugrep ];
      environment = lib.optionalAttrs cfg.enableMellon { LD_LIBRARY_PATH = "${pkgs.xmlsec}/lib"; };
      preStart = ''
        # Get rid of old semaphores.  These tend to accumulate across
        # server restarts, eventually preventing it from restarting
        # successfully.
        for i in $(${pkgs.util-linux}/bin/ipcs -s | grep ' ${cfg.user} ' | cut -f2 -d ' '); do
            ${pkgs.util-linux}/bin/ipcrm -s $i
        done
      '';
      serviceConfig = {
        ExecStart = "@${pkg}/bin/httpd httpd -f /etc/httpd/httpd.conf";
        ExecStop = "${pkg}/bin/httpd -f /etc/httpd/httpd.conf -k graceful-stop";
        ExecReload = "${pkg}/bin/httpd -f /etc/httpd/httpd.conf -k graceful";
        User = cfg.user;
        Group = cfg.group;
        Type = "forking";
        PIDFile = "/run/httpd/httpd.pid";
        Restart = "always";
        RestartSec = "5s";
        RuntimeDirectory = "httpd httpd/runtime";
        RuntimeDirectoryMode = "0750";
        AmbientCapabilities = [ "CAP_NET_BIND_SERVICE" ];
      };
    };

    # Reloads httpd once a certificate is renewed (renewal runs as the
    # unprivileged acme user, which cannot restart it).
    systemd.services.httpd-config-reload = mkIf (certNames != [ ]) {
      wantedBy = [ "multi-user.target" ] ++ map (c: "acme-${c}.service") certNames;
      after = map (c: "acme-${c}.service") certNames;
      before = map (c: "acme-order-renew-${c}.service") certNames;
      restartTriggers = [ cfg.configFile ];
      unitConfig.ConditionPathExists = map (c: certs.${c}.directory + "/fullchain.pem") certNames;
      serviceConfig = {
        Type = "oneshot";
        TimeoutSec = 60;
        ExecCondition = "/run/current-system/systemd/bin/systemctl -q is-active httpd.service";
        ExecStartPre = "${pkg}/bin/httpd -f /etc/httpd/httpd.conf -t";
        ExecStart = "/run/current-system/systemd/bin/systemctl reload httpd.service";
      };
    };
  };
}
