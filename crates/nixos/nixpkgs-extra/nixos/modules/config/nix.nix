# nix.* and /etc/nix/nix.conf, as NixOS's config/nix.nix writes it (with
# the settings services/system/nix-daemon.nix adds): the header, then
# `key = value` lines sorted by key, those of `extra-*` keys after the
# others (Nix wants them after the key they extend), then extraOptions.
# Values: lists joined by spaces, booleans `true`/`false`, null empty.
{ config, options, lib, pkgs, ... }:

let
  inherit (lib) mkOption mkIf mkAfter mkDefault types concatStringsSep mapAttrsToList filterAttrs hasPrefix;
  cfg = config.nix;

  # The settings' type: the declared settings, and any other Nix setting
  # as an atom or a list of atoms.
  atom = types.nullOr (types.oneOf [ types.bool types.int types.float types.str types.path types.package ]) // {
    description = "Nix config atom (null, bool, int, float, str, path or package)";
  };
  settingsType = types.attrsOf (types.either atom (types.listOf atom));

  valueText = v:
    if v == null then ""
    else if builtins.isInt v then toString v
    else if builtins.isBool v then lib.boolToString v
    else if builtins.isFloat v then lib.floatToString v
    else if builtins.isList v then toString v
    else if lib.isDerivation v then toString v
    else if builtins.isPath v then toString v
    else if builtins.isString v then v
    else if lib.strings.isConvertibleWithToString v then toString v
    else abort "The nix conf value: ${lib.generators.toPretty { } v} can not be encoded";

  lines = attrs: concatStringsSep "\n" (mapAttrsToList (k: v: "${lib.escape [ "=" ] k} = ${valueText v}") attrs);
  isExtra = hasPrefix "extra-";

  header = ''
    # WARNING: this file is generated from the nix.* options in
    # your NixOS configuration, typically
    # /etc/nixos/configuration.nix.  Do not edit it!
  '';

  nixConfText = ''
    ${header}${lines (filterAttrs (k: _: !(isExtra k)) cfg.settings)}
    ${lines (filterAttrs (k: _: isExtra k) cfg.settings)}
    ${cfg.extraOptions}
  '';

  # When nothing but this module defines nix.settings and nix.extraOptions
  # (most configurations), the text is that of NixOS's own settings, given
  # here as `nixConfText` makes it from them: merging the settings' types
  # on every render cost a twentieth of a render of the tutorial's flake.
  # (crates/nixos/tests/renderers.rs checks that the two agree.)
  defaultsOnly = builtins.all (d: d.file == toString ./nix.nix)
    (options.nix.settings.definitionsWithLocations ++ options.nix.extraOptions.definitionsWithLocations);
  defaultText = header + ''
    allowed-users = *
    auto-optimise-store = false
    cores = 0
    max-jobs = auto
    require-sigs = true
    sandbox = true
    sandbox-fallback = false
    substituters = https://cache.nixos.org/
    system-features = nixos-test benchmark big-parallel kvm
    trusted-public-keys = cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=
    trusted-substituters =${" "}
    trusted-users = root
    extra-sandbox-paths =${" "}

  '';

  setting = type: default: description: mkOption ({ inherit type description; } // lib.optionalAttrs (default != null) { inherit default; });
in
{
  options.nix = {
    enable = mkOption {
      type = types.bool;
      default = true;
      description = "Whether Nix (its daemon and /etc/nix/nix.conf) is installed.";
    };
    package = mkOption {
      type = types.package;
      default = pkgs.nix;
      defaultText = lib.literalExpression "pkgs.nix";
      description = "The Nix package.";
    };
    checkConfig = mkOption { type = types.bool; default = true; description = "Whether the generated nix.conf is checked by Nix."; };
    checkAllErrors = mkOption { type = types.bool; default = true; description = "Whether the check fails on any error, not only unknown settings."; };
    distributedBuilds = mkOption { type = types.bool; default = false; description = "Whether builds may run on the machines of nix.buildMachines."; };
    extraOptions = mkOption {
      type = types.lines;
      default = "";
      example = "keep-outputs = true";
      description = "Text added to the end of nix.conf.";
    };
    settings = mkOption {
      type = types.submodule {
        freeformType = settingsType;
        options = {
          max-jobs = setting (types.either types.int (types.enum [ "auto" ])) "auto" "How many builds run at once.";
          auto-optimise-store = setting types.bool false "Whether identical files in the store are hard-linked.";
          cores = setting types.int 0 "How many cores one build may use (0: all).";
          sandbox = setting (types.either types.bool (types.enum [ "relaxed" ])) true "Whether builds run in a sandbox.";
          extra-sandbox-paths = setting (types.listOf types.str) [ ] "Host paths available in the sandbox.";
          substituters = setting (types.listOf types.str) null "Binary caches to download from (cache.nixos.org is added).";
          trusted-substituters = setting (types.listOf types.str) [ ] "Binary caches users without trust may use.";
          require-sigs = setting types.bool true "Whether downloads must be signed by a key of trusted-public-keys.";
          trusted-public-keys = setting (types.listOf types.str) null "Keys that sign trusted binary caches.";
          trusted-users = setting (types.listOf types.str) null "Users (and @groups) the daemon trusts.";
          system-features = setting (types.listOf types.str) null "Features builds may require of this machine.";
          allowed-users = setting (types.listOf types.str) [ "*" ] "Users (and @groups) that may use the daemon.";
        };
      };
      default = { };
      example = { experimental-features = [ "nix-command" "flakes" ]; };
      description = "Settings of /etc/nix/nix.conf (see nix.conf(5)), as key-value pairs.";
    };
  };

  config = mkIf cfg.enable {
    # (NixOS links a checked copy, `.source`; the text is the same.)
    environment.etc."nix/nix.conf".text = if defaultsOnly then defaultText else nixConfText;
    nix.settings = {
      trusted-public-keys = [ "cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=" ];
      trusted-users = [ "root" ];
      substituters = mkAfter [ "https://cache.nixos.org/" ];
      system-features = mkDefault [ "nixos-test" "benchmark" "big-parallel" "kvm" ];
      # (services/system/nix-daemon.nix)
      sandbox-fallback = false;
    };
  };
}
