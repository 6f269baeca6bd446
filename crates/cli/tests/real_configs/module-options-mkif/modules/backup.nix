{ config, lib, pkgs, ... }:
let
  cfg = config.my.backup;
in
{
  options.my.backup = {
    enable = lib.mkEnableOption "nightly backups with restic";
    paths = lib.mkOption {
      type = lib.types.listOf lib.types.str;
      default = [ ];
      description = "Paths to back up.";
    };
    repository = lib.mkOption {
      type = lib.types.str;
      default = "/var/backup/restic";
      description = "The restic repository.";
    };
  };

  config = lib.mkIf cfg.enable {
    systemd.services.my-backup = {
      description = "Nightly restic backup";
      serviceConfig.Type = "oneshot";
      script = "${pkgs.restic}/bin/restic -r ${cfg.repository} backup ${lib.concatStringsSep " " cfg.paths}";
      startAt = "*-*-* 02:00:00";
    };
    environment.systemPackages = [ pkgs.restic ];
  };
}
