# system.stateVersion and the NixOS release names.
{ config, options, lib, ... }:

let inherit (lib) mkOption types; in
{
  options.system = {
    stateVersion = mkOption {
      type = types.str;
      default = "26.05";
      example = "24.11";
      description = ''
        The NixOS release whose defaults for stateful data (database
        formats, state folders, …) this machine was first installed with.
        Leave it at that release even after upgrading NixOS.
      '';
    };

    nixos.release = mkOption {
      type = types.str;
      readOnly = true;
      default = "26.05";
      description = "The NixOS release (for example `26.05`).";
    };

  };

  # Like NixOS, warn when the configuration leaves stateVersion unset.
  config.warnings = lib.optional ((options.system.stateVersion.highestPrio or 1500) >= 1500) ''
    system.stateVersion is not set, defaulting to ${config.system.stateVersion}. Read why this matters on https://nixos.org/manual/nixos/stable/options.html#opt-system.stateVersion.
  '';
}
