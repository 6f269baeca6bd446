# A backup job every night: `startAt` makes NixOS generate backup.timer.
{ pkgs, ... }:
{
  networking.hostName = "timers";

  systemd.services.backup = {
    description = "Nightly backup of /var/lib/app";
    path = [ pkgs.gnutar pkgs.gzip ];
    script = ''
      mkdir -p /var/backup
      tar czf /var/backup/app-$(date +%F).tar.gz /var/lib/app
    '';
    serviceConfig.Type = "oneshot";
    startAt = "*-*-* 03:00:00";
  };

  # A timer written by hand for an existing service.
  systemd.services.cleanup = {
    description = "Remove backups older than a week";
    serviceConfig = {
      Type = "oneshot";
      ExecStart = "${pkgs.findutils}/bin/find /var/backup -mtime +7 -delete";
    };
  };
  systemd.timers.cleanup = {
    wantedBy = [ "timers.target" ];
    timerConfig = {
      OnCalendar = "weekly";
      Persistent = true;
    };
  };

  system.stateVersion = "24.11";
}
