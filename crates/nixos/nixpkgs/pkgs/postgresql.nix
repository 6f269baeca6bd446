# PostgreSQL servers as nixpkgs shapes them: each server carries `pkgs`
# (extensions built against it), `withPackages f` (a server environment
# named postgresql-and-plugins-VERSION holding the server and the
# extensions `f pkgs` picks), and `withJIT` / `withoutJIT` (the same server
# here: the playground has no JIT build).
{ lib, makeDerivation, buildEnv }:

server:
let
  # An extension package built for `server`.
  extension = pname: version: makeDerivation {
    inherit pname version;
    buildInputs = [ server ];
    meta.description = "${pname} (PostgreSQL ${server.version} extension, as packaged in nixos-unstable)";
  };

  self = server // {
    pkgs = {
      pg_cron = extension "pg_cron" "1.6.7";
      pg_repack = extension "pg_repack" "1.5.2";
      pgvector = extension "pgvector" "0.8.1";
      postgis = extension "postgis" "3.6.0";
      timescaledb = extension "timescaledb" "2.23.0";
    };
    installedExtensions = [ ];
    withJIT = self;
    withoutJIT = self;
    withPackages = pick:
      let chosen = pick self.pkgs; in
      buildEnv {
        name = "${server.pname}-and-plugins-${server.version}";
        paths = chosen ++ [ server server.man ];
      } // {
        inherit (self) pkgs psqlSchema version withJIT withoutJIT withPackages;
        installedExtensions = chosen;
      };
  };
in
self
