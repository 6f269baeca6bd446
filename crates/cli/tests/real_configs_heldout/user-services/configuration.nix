{ pkgs, ... }:
{
  boot.isContainer = true;
  systemd.user.services.syncnotes = {
    description = "Sync notes";
    serviceConfig.ExecStart = "${pkgs.git}/bin/git -C %h/notes pull";
    wantedBy = [ "default.target" ];
  };
  systemd.services.hello-web = {
    wantedBy = [ "multi-user.target" ];
    after = [ "network.target" ];
    serviceConfig = {
      ExecStart = "${pkgs.python3}/bin/python3 -m http.server 8000";
      DynamicUser = true;
      Restart = "always";
    };
  };
  system.stateVersion = "24.11";
}
