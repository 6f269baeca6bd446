# nixpkgs.*: which package set the configuration's `pkgs` argument is.
{ config, lib, ... }:

let
  inherit (lib) mkOption types;
  cfg = config.nixpkgs;
in
{
  options.nixpkgs = {
    system = mkOption {
      type = types.str;
      example = "aarch64-linux";
      description = ''
        The platform (a Nix system double such as `x86_64-linux`) the
        configuration is evaluated for. Superseded by
        `nixpkgs.hostPlatform`, which wins when set.
      '';
    };

    hostPlatform = mkOption {
      type = types.nullOr (types.either types.str (types.attrsOf types.anything));
      default = null;
      example = { system = "aarch64-linux"; };
      description = ''
        The platform the system will run on, as a system double or an
        attribute set with a `system` attribute.
      '';
    };

    pkgs = mkOption {
      type = types.nullOr (types.attrsOf types.anything);
      default = null;
      description = ''
        A package set to use instead of importing nixpkgs; when set,
        `nixpkgs.config`, `nixpkgs.overlays` and the platform are ignored.
      '';
    };

    config = mkOption {
      type = types.attrsOf types.anything;
      default = { };
      example = { allowUnfree = true; };
      description = "Configuration for the package set (such as `allowUnfree`).";
    };

    flake.source = mkOption {
      type = types.nullOr (types.either types.str types.path);
      default = null;
      description = "The source of the nixpkgs flake the system was built from.";
    };

    overlays = mkOption {
      type = types.listOf types.unspecified;
      default = [ ];
      description = ''
        Functions `final: prev: { … }` applied in order to the package set,
        to add or replace packages.
      '';
    };
  };

  config._module.args.pkgs =
    let
      platform = cfg.hostPlatform;
      system =
        if platform == null then cfg.system
        else if builtins.isString platform then platform
        else platform.system;
    in
    if cfg.pkgs != null then cfg.pkgs
    else import ../../../pkgs {
      inherit system;
      inherit (cfg) config overlays;
    };
}
