# systemd.tmpfiles.rules: lines of tmpfiles.d(5), written by NixOS to
# /etc/tmpfiles.d/00-nixos.conf.
{ config, lib, ... }:

{
  options.systemd.tmpfiles.rules = lib.mkOption {
    type = lib.types.listOf lib.types.str;
    default = [ ];
    example = [ "d /tmp 1777 root root 10d" ];
    description = ''
      Rules for creating, removing and cleaning files and folders at boot
      and periodically, in tmpfiles.d(5) syntax.
    '';
  };

  config.environment.etc."tmpfiles.d/00-nixos.conf" = lib.mkIf (config.systemd.tmpfiles.rules != [ ]) {
    text = ''
      # This file is created automatically and should not be modified.
      # Please change the option ‘systemd.tmpfiles.rules’ instead.

      ${lib.concatStringsSep "\n" config.systemd.tmpfiles.rules}
    '';
  };
}
