{ config, pkgs, ... }:
{
  boot.isContainer = true;
  services.postgresql = {
    enable = true;
    package = pkgs.postgresql_16;
    ensureDatabases = [ "gitea" ];
    ensureUsers = [ { name = "gitea"; ensureDBOwnership = true; } ];
    authentication = pkgs.lib.mkOverride 10 ''
      local all all trust
    '';
  };
  system.stateVersion = "23.11";
}
