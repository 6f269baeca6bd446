# services.postgresql, modelled on current NixOS: postgresql.target (what
# multi-user.target wants) requires postgresql.service, the server itself,
# and postgresql-setup.service, a oneshot that waits for the server and
# then creates `ensureDatabases` and `ensureUsers`. postgresql.conf is a
# store file (`writeTextDir`) that preStart links into the data folder;
# NixOS writes nothing to /etc for PostgreSQL. The server runs from
# `finalPackage`, postgresql-and-plugins-VERSION (package + extensions).
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption mkEnableOption types mkIf mkMerge mkDefault mkBefore mkAfter
    concatStringsSep concatMapStrings optionalString mapAttrsToList filterAttrs versionAtLeast;
  cfg = config.services.postgresql;

  # The data folder's name: the server's major version.
  schema = cfg.package.psqlSchema;
  defaultDataDir = "/var/lib/postgresql/${schema}";

  # One postgresql.conf value: yes/no for booleans, single-quoted strings
  # with quotes doubled, numbers as they print.
  confValue = v:
    if v == true then "yes"
    else if v == false then "no"
    else if builtins.isString v then "'" + lib.replaceStrings [ "'" ] [ "''" ] v + "'"
    else toString v;

  confText = concatStringsSep "\n"
    (mapAttrsToList (name: v: "${name} = ${confValue v}") (filterAttrs (_: v: v != null) cfg.settings));

  # A folder in the store with postgresql.conf inside.
  configDir = pkgs.writeTextDir "postgresql.conf" confText;

  # Newer servers allow group access to the data folder.
  groupAccess = versionAtLeast cfg.finalPackage.version "11.0";

  # The SystemCallFilter= lines: enabled entries, lower priority first.
  syscallFilter = map (e: e.name)
    (lib.sort (a: b: a.priority < b.priority)
      (builtins.filter (e: e.enable)
        (mapAttrsToList (name: e: e // { inherit name; }) cfg.systemCallFilter)));

  # Shell lines of postgresql-setup.service: wait for the server, run the
  # initial script once, then make sure databases and roles exist.
  waitAndInit = ''
    check-connection() {
      psql -d postgres -v ON_ERROR_STOP=1 <<-'  EOF'
        SELECT pg_is_in_recovery() \gset
        \if :pg_is_in_recovery
        \i still-recovering
        \endif
      EOF
    }
    while ! check-connection 2> /dev/null; do
        if ! systemctl is-active --quiet postgresql.service; then exit 1; fi
        sleep 0.1
    done

    if test -e "${cfg.dataDir}/.first_startup"; then
  '' + "  " + optionalString (cfg.initialScript != null) ''
    psql -f "${cfg.initialScript}" -d postgres
  '' + "\n" + ''
      rm -f "${cfg.dataDir}/.first_startup"
    fi
  '';

  ensureDatabaseLine = db:
    "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '${db}'\" | grep -q 1 || psql -tAc 'CREATE DATABASE \"${db}\"'\n";

  ensureUserLines = user:
    let
      clauses = filterAttrs (_: v: v != null) user.ensureClauses;
      clauseWords = mapAttrsToList (n: v: if v then n else "no${n}") clauses;
    in
    "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='${user.name}'\" | grep -q 1 || psql -tAc 'CREATE USER \"${user.name}\"'\n"
    + "psql -tAc 'ALTER ROLE \"${user.name}\" ${concatStringsSep " " clauseWords}' \n"
    + "\n"
    + optionalString user.ensureDBOwnership "psql -tAc 'ALTER DATABASE \"${user.name}\" OWNER TO \"${user.name}\";' "
    + "\n";

  setupScript = waitAndInit
    + optionalString (cfg.ensureDatabases != [ ]) (concatMapStrings ensureDatabaseLine cfg.ensureDatabases + "\n")
    + concatMapStrings ensureUserLines cfg.ensureUsers + "\n";

  # A role attribute of ensureClauses: null leaves it as it is.
  clause = what: mkOption {
    type = types.nullOr types.bool;
    default = null;
    description = "Whether the role has the ${what} attribute (null: leave it as PostgreSQL has it).";
  };
in
{
  # Options of older releases, as NixOS keeps them.
  imports = [
    (lib.mkRemovedOptionModule [ "services" "postgresql" "extraConfig" ] "Use services.postgresql.settings instead.")
    (lib.mkRemovedOptionModule [ "services" "postgresql" "recoveryConfig" ] "PostgreSQL v12+ doesn't support recovery.conf.")
    (lib.mkRenamedOptionModule [ "services" "postgresql" "logLinePrefix" ] [ "services" "postgresql" "settings" "log_line_prefix" ])
    (lib.mkRenamedOptionModule [ "services" "postgresql" "port" ] [ "services" "postgresql" "settings" "port" ])
    (lib.mkRenamedOptionModule [ "services" "postgresql" "extraPlugins" ] [ "services" "postgresql" "extensions" ])
  ];

  options.services.postgresql = {
    enable = mkEnableOption "PostgreSQL Server";

    enableJIT = mkEnableOption "JIT support";

    package = mkOption {
      type = types.package;
      example = lib.literalExpression "pkgs.postgresql_15";
      defaultText = lib.literalExpression ''
        if versionAtLeast config.system.stateVersion "25.11" then
          pkgs.postgresql_17
        else if versionAtLeast config.system.stateVersion "24.11" then
          pkgs.postgresql_16
        else if versionAtLeast config.system.stateVersion "23.11" then
          pkgs.postgresql_15
        else if versionAtLeast config.system.stateVersion "22.05" then
          pkgs.postgresql_14
        else
          pkgs.postgresql_13
      '';
      description = "The PostgreSQL package; by default chosen from `system.stateVersion`.";
    };

    finalPackage = mkOption {
      type = types.package;
      readOnly = true;
      # Always an environment (postgresql-and-plugins-VERSION), even with
      # no extensions: `extensions` is a function once defined.
      default = (if cfg.enableJIT then cfg.package.withJIT else cfg.package.withoutJIT).withPackages cfg.extensions;
      defaultText = "with config.services.postgresql; package.withPackages extensions";
      description = "The package the server runs: `package` joined with its `extensions`.";
    };

    extensions = mkOption {
      type = types.coercedTo (types.listOf types.path) (paths: _: paths) (types.functionTo (types.listOf types.path));
      default = _: [ ];
      example = lib.literalExpression "ps: with ps; [ postgis pg_repack ]";
      description = "PostgreSQL extensions to install: a list, or a function from the server's extension set to a list.";
    };

    dataDir = mkOption {
      type = types.path;
      defaultText = lib.literalExpression ''"/var/lib/postgresql/''${config.services.postgresql.package.psqlSchema}"'';
      example = "/var/lib/postgresql/15";
      description = "The folder of the database cluster; the default one is created by systemd (`StateDirectory=`).";
    };

    systemCallFilter = mkOption {
      type = types.attrsOf (types.coercedTo types.bool (enable: { inherit enable; }) (types.submodule ({ name, ... }: {
        options = {
          enable = mkEnableOption "${name} in postgresql's syscall filter";
          priority = mkOption {
            type = types.int;
            default = if lib.hasPrefix "@" name then 500 else if lib.hasPrefix "~@" name then 1000 else 1500;
            defaultText = lib.literalExpression ''if hasPrefix "@" name then 500 else if hasPrefix "~@" name then 1000 else 1500'';
            description = "Where the entry goes among the `SystemCallFilter=` lines: lower first.";
          };
        };
      })));
      defaultText = lib.literalExpression ''
        {
          "@system-service" = true;
          "~@privileged" = true;
          "~@resources" = true;
        }
      '';
      description = "Entries of postgresql.service's `SystemCallFilter=`: `true` adds the name, `false` leaves it out.";
    };

    checkConfig = mkOption { type = types.bool; default = true; description = "Whether to check postgresql.conf's syntax when building."; };

    enableTCPIP = mkOption {
      type = types.bool;
      default = false;
      description = "Whether PostgreSQL listens on every network interface rather than only its Unix socket and localhost.";
    };

    authentication = mkOption {
      type = types.lines;
      default = "";
      description = "Lines of pg_hba.conf, placed before NixOS' default rules (peer on the socket, md5 over TCP).";
    };

    identMap = mkOption {
      type = types.lines;
      default = "";
      example = "map-name-0 system-username-0 database-username-0";
      description = "Lines of pg_ident.conf: which system users may log in as which database users.";
    };

    initdbArgs = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "--data-checksums" "--allow-group-access" ];
      description = "Extra arguments of `initdb` when the data folder is created.";
    };

    initialScript = mkOption {
      type = types.nullOr types.path;
      default = null;
      description = "An SQL file run once, on the first start of a new cluster.";
    };

    ensureDatabases = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "gitea" "nextcloud" ];
      description = "Databases created by postgresql-setup.service when missing; never dropped.";
    };

    ensureUsers = mkOption {
      type = types.listOf (types.submodule {
        options = {
          name = mkOption { type = types.str; description = "The name of the role."; };
          ensureDBOwnership = mkOption {
            type = types.bool;
            default = false;
            description = "Whether the role owns the database of the same name (which must be in `ensureDatabases`).";
          };
          ensureClauses = mkOption {
            type = types.submodule {
              options = {
                superuser = clause "SUPERUSER";
                createrole = clause "CREATEROLE";
                createdb = clause "CREATEDB";
                "inherit" = clause "INHERIT";
                login = clause "LOGIN";
                replication = clause "REPLICATION";
                bypassrls = clause "BYPASSRLS";
              };
            };
            default = { };
            description = "Role attributes set with `ALTER ROLE` on every start.";
          };
        };
      });
      default = [ ];
      description = "Roles created by postgresql-setup.service when missing; never dropped.";
    };

    settings = mkOption {
      type = types.submodule {
        freeformType = types.attrsOf (types.oneOf [ types.bool types.float types.int types.str ]);
        options = {
          shared_preload_libraries = mkOption {
            type = types.nullOr (types.coercedTo (types.listOf types.str) (concatStringsSep ",") types.commas);
            default = null;
            example = lib.literalExpression ''[ "auto_explain" "anon" ]'';
            description = "Libraries the server loads at start.";
          };
          log_line_prefix = mkOption {
            type = types.str;
            default = "[%p] ";
            example = "%m [%p] ";
            description = "The prefix of each log line (no time stamp: the journal has one).";
          };
          port = mkOption { type = types.port; default = 5432; description = "The TCP port PostgreSQL listens on."; };
        };
      };
      default = { };
      description = "postgresql.conf, one `name = value` line per setting (strings single-quoted).";
    };

    superUser = mkOption {
      type = types.str;
      default = "postgres";
      internal = true;
      readOnly = true;
      description = "The superuser role NixOS' scripts use.";
    };
  };

  config = mkIf cfg.enable {
    assertions = map (user: {
      assertion = user.ensureDBOwnership -> builtins.elem user.name cfg.ensureDatabases;
      message = ''
        For each database user defined with `services.postgresql.ensureUsers` and
        `ensureDBOwnership = true;`, a database with the same name must be defined
        in `services.postgresql.ensureDatabases`.

        Offender: ${user.name} has not been found among databases.
      '';
    }) cfg.ensureUsers;

    services.postgresql = {
      package = mkDefault (
        let v = config.system.stateVersion; in
        if versionAtLeast v "25.11" then pkgs.postgresql_17
        else if versionAtLeast v "24.11" then pkgs.postgresql_16
        else if versionAtLeast v "23.11" then pkgs.postgresql_15
        else if versionAtLeast v "22.05" then pkgs.postgresql_14
        else if versionAtLeast v "21.11" then lib.warn ''
          The postgresql package is not pinned and selected automatically by
          `system.stateVersion`. Right now this is `pkgs.postgresql_13`, the
          oldest postgresql version available and thus the next that will be
          removed when EOL on the next stable cycle.

          See also https://endoflife.date/postgresql
        '' pkgs.postgresql_13
        else throw "postgresql_${if versionAtLeast v "20.03" then "11" else if versionAtLeast v "17.09" then "9_6" else "9_5"} was removed, please upgrade your postgresql version.");

      dataDir = mkDefault defaultDataDir;

      settings = {
        hba_file = "${pkgs.writeText "pg_hba.conf" cfg.authentication}";
        ident_file = "${pkgs.writeText "pg_ident.conf" cfg.identMap}";
        log_destination = "stderr";
        listen_addresses = if cfg.enableTCPIP then "*" else "localhost";
        jit = mkDefault (if cfg.enableJIT then "on" else "off");
      };

      authentication = mkMerge [
        (mkBefore "# Generated file; do not edit!")
        (mkAfter ''
          # default value of services.postgresql.authentication
          local all postgres         peer map=postgres
          local all all              peer
          host  all all 127.0.0.1/32 md5
          host  all all ::1/128      md5
        '')
      ];

      identMap = mkAfter ''
        postgres postgres postgres
      '';

      systemCallFilter = lib.mapAttrs (_: mkDefault) {
        "@system-service" = true;
        "~@privileged" = true;
        "~@resources" = true;
      };
    };

    users.users.postgres = {
      name = "postgres";
      uid = config.ids.uids.postgres;
      group = "postgres";
      description = "PostgreSQL server user";
      home = "${cfg.dataDir}";
      useDefaultShell = true;
    };
    users.groups.postgres.gid = config.ids.gids.postgres;

    environment.systemPackages = [ cfg.finalPackage ];

    systemd.targets.postgresql = {
      description = "PostgreSQL";
      wantedBy = [ "multi-user.target" ];
      requires = [ "postgresql.service" "postgresql-setup.service" ];
    };

    systemd.services.postgresql = {
      description = "PostgreSQL Server";
      after = [ "network.target" ];
      # Starting or stopping the service alone moves the target too.
      wants = [ "postgresql.target" ];
      partOf = [ "postgresql.target" ];
      environment.PGDATA = cfg.dataDir;
      path = [ cfg.finalPackage ];

      preStart = ''
        if ! test -e ${cfg.dataDir}/PG_VERSION; then
          # Cleanup the data directory.
          rm -f ${cfg.dataDir}/*.conf

          # Initialise the database.
          initdb -U ${cfg.superUser} ${lib.escapeShellArgs cfg.initdbArgs}

          # See postStart!
          touch "${cfg.dataDir}/.first_startup"
        fi

        ln -sfn "${configDir}/postgresql.conf" "${cfg.dataDir}/postgresql.conf"
      '';

      serviceConfig = mkMerge [
        {
          ExecStart = "${cfg.finalPackage}/bin/postgres";
          ExecReload = "${pkgs.coreutils}/bin/kill -HUP $MAINPID";
          User = "postgres";
          Group = "postgres";
          RuntimeDirectory = "postgresql";
          Type = if versionAtLeast cfg.package.version "9.6" then "notify" else "simple";
          # SIGINT is PostgreSQL's fast shutdown; give it time to finish.
          KillSignal = "SIGINT";
          KillMode = "mixed";
          TimeoutSec = 120;
          Restart = "always";

          CapabilityBoundingSet = [ "" ];
          DevicePolicy = "closed";
          PrivateTmp = true;
          ProtectHome = true;
          ProtectSystem = "strict";
          MemoryDenyWriteExecute = mkDefault (cfg.settings.jit == "off");
          NoNewPrivileges = true;
          LockPersonality = true;
          PrivateDevices = true;
          PrivateMounts = true;
          ProcSubset = "pid";
          ProtectClock = true;
          ProtectControlGroups = true;
          ProtectHostname = true;
          ProtectKernelLogs = true;
          ProtectKernelModules = true;
          ProtectKernelTunables = true;
          ProtectProc = "invisible";
          RemoveIPC = true;
          RestrictAddressFamilies = [ "AF_INET" "AF_INET6" "AF_NETLINK" "AF_UNIX" ];
          RestrictNamespaces = true;
          RestrictRealtime = true;
          RestrictSUIDSGID = true;
          SystemCallArchitectures = "native";
          SystemCallFilter = syscallFilter;
          UMask = if groupAccess then "0027" else "0077";
        }
        (mkIf (cfg.dataDir == defaultDataDir) {
          StateDirectory = "postgresql postgresql/${schema}";
          StateDirectoryMode = if groupAccess then "0750" else "0700";
        })
        (mkIf (cfg.dataDir != defaultDataDir) {
          ReadWritePaths = [ cfg.dataDir ];
        })
      ];

      # At most five start attempts within five timeouts and a little more.
      unitConfig = {
        RequiresMountsFor = "${cfg.dataDir}";
        StartLimitIntervalSec = config.systemd.services.postgresql.serviceConfig.TimeoutSec * 5 + 5;
        StartLimitBurst = 5;
      };
    };

    systemd.services.postgresql-setup = {
      description = "PostgreSQL Setup Scripts";
      requires = [ "postgresql.service" ];
      after = [ "postgresql.service" ];
      serviceConfig = {
        User = "postgres";
        Group = "postgres";
        Type = "oneshot";
        RemainAfterExit = true;
      };
      path = [ cfg.finalPackage ];
      environment.PGPORT = toString cfg.settings.port;
      script = setupScript;
    };
  };
}
