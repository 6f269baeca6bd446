{ pkgs, ... }:
{
  boot.isContainer = true;
  services.restic.backups.nightly = {
    repository = "sftp:backup@nas.lan:/srv/restic";
    passwordFile = "/etc/nixos/secrets/restic-password";
    paths = [ "/home" "/var/lib" ];
    timerConfig.OnCalendar = "02:30";
  };
  systemd.services.mirror-photos = {
    description = "Mirror photos to the NAS";
    serviceConfig.Type = "oneshot";
    script = ''
      ${pkgs.rsync}/bin/rsync -a --delete /srv/photos/ nas.lan:/srv/photos/
    '';
  };
  systemd.timers.mirror-photos = {
    wantedBy = [ "timers.target" ];
    timerConfig.OnCalendar = "hourly";
  };
  system.stateVersion = "24.11";
}
