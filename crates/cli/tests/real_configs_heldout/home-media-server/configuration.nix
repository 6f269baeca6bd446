{ config, pkgs, ... }:
let
  mediaDir = "/srv/media";
in
{
  boot.isContainer = true;
  services.jellyfin = { enable = true; openFirewall = true; };
  services.transmission = {
    enable = true;
    settings = {
      download-dir = "${mediaDir}/downloads";
      rpc-bind-address = "0.0.0.0";
      rpc-whitelist = "192.168.*.*";
    };
  };
  services.samba = {
    enable = true;
    openFirewall = true;
    settings.media = {
      path = mediaDir;
      "read only" = "no";
      browseable = "yes";
    };
  };
  users.groups.media = { };
  users.users.jellyfin.extraGroups = [ "media" ];
  systemd.tmpfiles.rules = [ "d ${mediaDir} 0775 root media -" ];
  system.stateVersion = "24.05";
}
