# services.postgresql: the PostgreSQL server, its postgresql.service,
# databases and users to create, and postgresql.conf settings.
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption mkEnableOption types mkIf concatMapStrings concatStringsSep mapAttrsToList;
  cfg = config.services.postgresql;

  # A postgresql.conf value: strings quoted, booleans as on/off.
  toValue = v:
    if builtins.isBool v then (if v then "on" else "off")
    else if builtins.isString v then "'${lib.replaceStrings [ "'" ] [ "''" ] v}'"
    else toString v;

  configFile = pkgs.writeText "postgresql.conf" (concatStringsSep "\n"
    (mapAttrsToList (n: v: "${n} = ${toValue v}") (lib.filterAttrs (_: v: v != null) cfg.settings)));
in
{
  options.services.postgresql = {
    enable = mkEnableOption "PostgreSQL Server";

    package = mkOption {
      type = types.package;
      default = pkgs.postgresql_17;
      defaultText = lib.literalExpression "pkgs.postgresql_17 (depends on system.stateVersion)";
      description = "The PostgreSQL package.";
    };

    dataDir = mkOption {
      type = types.path;
      default = "/var/lib/postgresql/${cfg.package.psqlSchema or "17"}";
      description = "The folder of the database cluster.";
    };

    enableTCPIP = mkOption { type = types.bool; default = false; description = "Whether PostgreSQL listens on TCP/IP as well as its Unix socket."; };

    ensureDatabases = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "gitea" "nextcloud" ];
      description = "Databases created (if missing) when the server starts.";
    };

    ensureUsers = mkOption {
      type = types.listOf (types.submodule {
        options = {
          name = mkOption { type = types.str; description = "The user (role) name."; };
          ensureDBOwnership = mkOption { type = types.bool; default = false; description = "Whether the user owns the database of the same name."; };
          ensureClauses = mkOption { type = types.attrsOf types.anything; default = { }; description = "Role attributes (superuser, login, createdb, …)."; };
        };
      });
      default = [ ];
      description = "Users (roles) created (if missing) when the server starts.";
    };

    authentication = mkOption { type = types.lines; default = ""; description = "Lines added to pg_hba.conf."; };

    settings = mkOption {
      type = types.submodule {
        freeformType = types.attrsOf (types.nullOr (types.oneOf [ types.bool types.float types.int types.str ]));
        options.port = mkOption { type = types.port; default = 5432; description = "The TCP port PostgreSQL listens on."; };
      };
      default = { };
      description = "Settings of postgresql.conf.";
    };

    initialScript = mkOption { type = types.nullOr types.path; default = null; description = "An SQL file run when the cluster is created."; };
  };

  config = mkIf cfg.enable {
    services.postgresql.settings = {
      hba_file = "${pkgs.writeText "pg_hba.conf" cfg.authentication}";
      listen_addresses = if cfg.enableTCPIP then "*" else "localhost";
      port = lib.mkDefault 5432;
    };

    environment.systemPackages = [ cfg.package ];
    environment.etc."postgresql/postgresql.conf".source = configFile;

    users.users.postgres = {
      name = "postgres";
      uid = config.ids.uids.postgres;
      group = "postgres";
      description = "PostgreSQL server user";
      home = "${cfg.dataDir}";
      isSystemUser = true;
    };
    users.groups.postgres.gid = config.ids.gids.postgres;

    systemd.services.postgresql = {
      description = "PostgreSQL Server";
      wantedBy = [ "multi-user.target" ];
      after = [ "network.target" ];
      environment.PGDATA = cfg.dataDir;
      path = [ cfg.package ];
      preStart = ''
        if ! test -e ${cfg.dataDir}/PG_VERSION; then
          rm -f ${cfg.dataDir}/*.conf
          initdb -U postgres
          touch "${cfg.dataDir}/.first_startup"
        fi
        ln -sfn "${configFile}" "${cfg.dataDir}/postgresql.conf"
      '';
      postStart = concatMapStrings (db: ''
        psql -tAc "SELECT 1 FROM pg_database WHERE datname = '${db}'" | grep -q 1 || psql -tAc 'CREATE DATABASE "${db}"'
      '') cfg.ensureDatabases + concatMapStrings (user: ''
        psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='${user.name}'" | grep -q 1 || psql -tAc 'CREATE USER "${user.name}"'
      '' + lib.optionalString user.ensureDBOwnership ''
        psql -tAc 'ALTER DATABASE "${user.name}" OWNER TO "${user.name}";'
      '') cfg.ensureUsers;
      serviceConfig = {
        ExecStart = "${cfg.package}/bin/postgres";
        User = "postgres";
        Group = "postgres";
        RuntimeDirectory = "postgresql";
        Type = "notify";
        KillSignal = "SIGINT";
        KillMode = "mixed";
        TimeoutSec = 120;
        StateDirectory = "postgresql postgresql/${cfg.package.psqlSchema or "17"}";
        StateDirectoryMode = "0750";
      };
      unitConfig.RequiresMountsFor = "${cfg.dataDir}";
    };
  };
}
