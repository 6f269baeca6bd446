# What services.nginx.enable adds to the system: nginx.service as NixOS
# defines it, the nginx user and group, /etc/nginx/nginx.conf, ACME
# certificates for hosts that ask for them, and the module's assertions.
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkIf mkDefault optional optionals filter unique attrValues all any count id nameValuePair listToAttrs mkOverride;
  cfg = config.services.nginx;
  rendered = import ./config-text.nix { inherit config lib pkgs; };

  # nginx.conf in the store.
  configFile = pkgs.writeText "nginx.conf" rendered.text;
  configPath = if cfg.enableReload then "/etc/nginx/nginx.conf" else configFile;
  execCommand = "${cfg.package}/bin/nginx -c '${configPath}'";

  vhosts = lib.mapAttrs (name: v: v // { serverName = if v.serverName != null then v.serverName else name; }) cfg.virtualHosts;
  acmeVhosts = filter (v: v.enableACME || v.useACMEHost != null) (attrValues vhosts);
  certNames = unique (map (v: if v.useACMEHost != null then v.useACMEHost else v.serverName) acmeVhosts);
  quicCapabilities = optionals cfg.enableQuicBPF [ "CAP_SYS_ADMIN" "CAP_NET_ADMIN" ];
in
{
  config = mkIf cfg.enable (lib.mkMerge [ {
    services.nginx.renderedConfig = rendered.text;
    # Its lines and where each comes from, for the views that explain them.
    system.build.nixpenNginxLines = rendered.lines;

    assertions = [
      {
        assertion = all (host: all (l: l.root == null || l.alias == null) (attrValues host.locations)) (attrValues vhosts);
        message = "Only one of nginx root or alias can be specified on a location.";
      }
      {
        assertion = all (host: count id [ host.addSSL host.onlySSL host.forceSSL host.rejectSSL ] <= 1) (attrValues vhosts);
        message = ''
          Options services.nginx.service.virtualHosts.<name>.addSSL,
          services.nginx.virtualHosts.<name>.onlySSL,
          services.nginx.virtualHosts.<name>.forceSSL and
          services.nginx.virtualHosts.<name>.rejectSSL are mutually exclusive.
        '';
      }
      {
        assertion = all (host: !(host.enableACME && host.useACMEHost != null)) (attrValues vhosts);
        message = ''
          Options services.nginx.service.virtualHosts.<name>.enableACME and
          services.nginx.virtualHosts.<name>.useACMEHost are mutually exclusive.
        '';
      }
      {
        assertion = all (host: all (l: !(l.proxyPass != null && l.uwsgiPass != null)) (attrValues host.locations)) (attrValues vhosts);
        message = ''
          Options services.nginx.service.virtualHosts.<name>.proxyPass and
          services.nginx.virtualHosts.<name>.uwsgiPass are mutually exclusive.
        '';
      }
      {
        assertion = cfg.resolver.ipv4 || cfg.resolver.ipv6;
        message = ''
          At least one of services.nginx.resolver.ipv4 and services.nginx.resolver.ipv6 must be true.
        '';
      }
    ];

    environment.etc."nginx/nginx.conf".source = configFile;

    security.acme.certs = listToAttrs (
      map (v: nameValuePair v.serverName {
        dnsProvider = mkOverride (if v.acmeRoot != null then 1000 else 2000) null;
        extraDomainNames = v.serverAliases;
        group = mkDefault cfg.group;
        reloadServices = [ "nginx.service" ];
        webroot = mkOverride (if v.acmeRoot != null then 1000 else 2000) v.acmeRoot;
      }) (filter (v: v.useACMEHost == null) acmeVhosts)
      ++ map (v: nameValuePair v.useACMEHost { reloadServices = [ "nginx.service" ]; })
        (filter (v: v.useACMEHost != null) acmeVhosts));

    services.nginx.virtualHosts.localhost = mkIf cfg.statusPage {
      listenAddresses = mkDefault ([ "0.0.0.0" ] ++ optional config.networking.enableIPv6 "[::]");
      locations."/nginx_status".extraConfig = ''
        stub_status on;
        access_log off;
        allow 127.0.0.1;
        ${lib.optionalString config.networking.enableIPv6 "allow ::1;"}
        deny all;
      '';
      serverAliases = [ "127.0.0.1" ] ++ optional config.networking.enableIPv6 "[::1]";
    };

    systemd.services.nginx = {
      description = "Nginx Web Server";
      wantedBy = [ "multi-user.target" ];
      after = [ "network.target" ] ++ optionals (!cfg.enableReload) (map (c: "acme-${c}.service") certNames);
      before = optionals (!cfg.enableReload) (map (c: "acme-order-renew-${c}.service") certNames);
      wants = optionals (!cfg.enableReload) (map (c: "acme-${c}.service") certNames);
      stopIfChanged = false;
      startLimitIntervalSec = 60;
      preStart = ''
        ${cfg.preStart}
        ${execCommand} -t
      '';
      serviceConfig = {
        ExecStart = execCommand;
        ExecReload = [
          "${execCommand} -t"
          "${pkgs.coreutils}/bin/kill -HUP $MAINPID"
        ];
        Restart = "always";
        RestartSec = "10s";
        User = cfg.user;
        Group = cfg.group;
        RuntimeDirectory = "nginx";
        RuntimeDirectoryMode = "0750";
        CacheDirectory = "nginx";
        CacheDirectoryMode = "0750";
        LogsDirectory = "nginx";
        LogsDirectoryMode = "0750";
        ProcSubset = "pid";
        ProtectProc = "invisible";
        UMask = "0027";
        AmbientCapabilities = [ "CAP_NET_BIND_SERVICE" "CAP_SYS_RESOURCE" ] ++ quicCapabilities;
        CapabilityBoundingSet = [ "CAP_NET_BIND_SERVICE" "CAP_SYS_RESOURCE" ] ++ quicCapabilities;
        NoNewPrivileges = true;
        ProtectSystem = "strict";
        ProtectHome = mkDefault true;
        PrivateTmp = true;
        PrivateDevices = true;
        ProtectHostname = true;
        ProtectClock = true;
        ProtectKernelTunables = true;
        ProtectKernelModules = true;
        ProtectKernelLogs = true;
        ProtectControlGroups = true;
        RestrictAddressFamilies = [ "AF_UNIX" "AF_INET" "AF_INET6" ];
        RestrictNamespaces = true;
        LockPersonality = true;
        MemoryDenyWriteExecute = !(any (m: m.allowMemoryWriteExecute or false) (cfg.package.modules or [ ])
          || lib.getName cfg.package == "openresty");
        RestrictRealtime = true;
        RestrictSUIDSGID = true;
        RemoveIPC = true;
        PrivateMounts = true;
        SystemCallArchitectures = "native";
        SystemCallFilter = [ "~@cpu-emulation @debug @keyring @mount @obsolete @privileged @setuid" ]
          ++ optional cfg.enableQuicBPF [ "bpf" ];
      };
    };

    systemd.services.nginx-config-reload = mkIf (cfg.enableReload || certNames != [ ]) {
      wants = optionals cfg.enableReload [ "nginx.service" ];
      wantedBy = [ "multi-user.target" ] ++ optionals cfg.enableReload (map (c: "acme-${c}.service") certNames);
      after = optionals cfg.enableReload (map (c: "acme-${c}.service") certNames);
      before = optionals cfg.enableReload (map (c: "acme-order-renew-${c}.service") certNames);
      restartTriggers = optionals cfg.enableReload [ configFile ];
      serviceConfig = {
        Type = "oneshot";
        TimeoutSec = 60;
        ExecCondition = "/run/current-system/systemd/bin/systemctl -q is-active nginx.service";
        ExecStart = "/run/current-system/systemd/bin/systemctl reload nginx.service";
      };
      unitConfig = {
        ConditionPathExists = optionals (certNames != [ ])
          (map (c: config.security.acme.certs.${c}.directory + "/fullchain.pem") certNames);
        StartLimitIntervalSec = 0;
      };
    };

    # Keeps the temporary folders nginx makes at start from being cleaned.
    systemd.tmpfiles.rules = [ "X /tmp/systemd-private-%b-nginx.service-*/tmp/nginx_*" ];

    users.users = lib.optionalAttrs (cfg.user == "nginx") {
      nginx = {
        group = cfg.group;
        isSystemUser = true;
        uid = config.ids.uids.nginx;
      };
    };

    users.groups = lib.optionalAttrs (cfg.group == "nginx") {
      nginx.gid = config.ids.gids.nginx;
    };
  }
  # With enableReload the placeholder certificate units order themselves
  # before nginx (rather than nginx after them), so adding a certificate
  # does not restart nginx when switching configuration.
  {
    systemd.services = lib.mkIf cfg.enableReload (listToAttrs (map (c: nameValuePair "acme-${c}" {
      before = [ "nginx.service" ];
      wantedBy = [ "nginx.service" ];
    }) certNames));
  } ]);
}
