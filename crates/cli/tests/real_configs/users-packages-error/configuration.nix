{ config, pkgs, ... }:
{
  boot.isContainer = true;
  users.users.sam = {
    isNormalUser = true;
    packages = [ (pkgs.writeShellScriptBin "where" "echo ${config.services.postgresql.dataDir}") ];
  };
}
