{ ... }:
{
  boot.isContainer = true;
  services.postgresql.enable = true;
  services.postgresql.ensureUsers = [ { name = "app"; ensureDBOwnership = true; } ];
}
