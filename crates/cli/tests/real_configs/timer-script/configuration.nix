{ pkgs, ... }:
{
  boot.isContainer = true;
  systemd.services.cleanup = {
    description = "Remove old temporary files";
    path = [ pkgs.findutils ];
    script = ''
      find /var/tmp -mtime +7 -delete
    '';
    serviceConfig.Type = "oneshot";
  };
  systemd.timers.cleanup = {
    wantedBy = [ "timers.target" ];
    timerConfig = { OnCalendar = "daily"; Persistent = true; };
  };
  system.stateVersion = "24.11";
}
