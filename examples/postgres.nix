# PostgreSQL with one database owned by the user of the same name.
{ pkgs, ... }:
{
  networking.hostName = "db";

  services.postgresql = {
    enable = true;
    package = pkgs.postgresql_16;
    ensureDatabases = [ "blog" ];
    ensureUsers = [
      { name = "blog"; ensureDBOwnership = true; }
    ];
    settings = {
      max_connections = 50;
      log_min_duration_statement = 250;
    };
  };

  networking.firewall.allowedTCPPorts = [ 5432 ];
  system.stateVersion = "24.11";
}
