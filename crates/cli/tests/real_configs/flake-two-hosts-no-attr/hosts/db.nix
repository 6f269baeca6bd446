{ pkgs, ... }:
{
  services.postgresql.enable = true;
  services.postgresql.package = pkgs.postgresql_15;
  services.postgresql.enableTCPIP = true;
  networking.firewall.allowedTCPPorts = [ 5432 ];
}
