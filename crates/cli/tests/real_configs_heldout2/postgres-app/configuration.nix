{ config, pkgs, ... }:
{
  boot.isContainer = true;
  services.postgresql = {
    enable = true;
    ensureDatabases = [ "shop" ];
    ensureUsers = [ { name = "shop"; ensureDBOwnership = true; } ];
  };
  users.users.shop = { isSystemUser = true; group = "shop"; };
  users.groups.shop = { };
  systemd.services.shop = {
    description = "Shop backend";
    after = [ "postgresql.service" ];
    requires = [ "postgresql.service" ];
    wantedBy = [ "multi-user.target" ];
    environment.DATABASE_URL = "postgresql:///shop?host=/run/postgresql";
    serviceConfig = {
      User = "shop";
      ExecStart = "${pkgs.python3}/bin/python3 -m http.server 8000";
      Restart = "always";
    };
  };
  system.stateVersion = "24.11";
}
