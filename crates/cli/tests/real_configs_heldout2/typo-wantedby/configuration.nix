{ pkgs, ... }:
{
  boot.isContainer = true;
  systemd.services.hello = {
    wantedby = [ "multi-user.target" ];
    serviceConfig.ExecStart = "${pkgs.hello}/bin/hello";
  };
  system.stateVersion = "24.11";
}
