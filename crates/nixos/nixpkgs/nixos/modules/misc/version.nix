# system.stateVersion and the NixOS release names.
{ config, options, lib, ... }:

let inherit (lib) mkOption types; in
{
  options.system = {
    stateVersion = mkOption {
      type = types.str;
      default = config.system.nixos.release;
      defaultText = lib.literalExpression "config.system.nixos.release";
      example = "24.11";
      # Like NixOS, an evaluation warning when the configuration leaves it unset.
      apply = v: lib.warnIf ((options.system.stateVersion.highestPrio or 1500) == (lib.mkOptionDefault { }).priority)
        "system.stateVersion is not set, defaulting to ${v}. Read why this matters on https://nixos.org/manual/nixos/stable/options.html#opt-system.stateVersion."
        v;
      description = ''
        The NixOS release whose defaults for stateful data (database
        formats, state folders, …) this machine was first installed with.
        Leave it at that release even after upgrading NixOS.
      '';
    };

    nixos.release = mkOption {
      type = types.str;
      readOnly = true;
      internal = true;
      default = lib.trivial.release or "26.11";
      description = "The NixOS release (for example `26.11`).";
    };

  };
}
