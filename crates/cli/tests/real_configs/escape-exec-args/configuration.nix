{ pkgs, utils, ... }:
{
  boot.isContainer = true;
  systemd.services.echo = {
    wantedBy = [ "multi-user.target" ];
    serviceConfig.ExecStart = "${pkgs.coreutils}/bin/echo ${utils.escapeSystemdExecArgs [ "100%" "$HOME" "two words" ]}";
  };
  system.stateVersion = "24.11";
}
