# systemd.*: the unit options (services, timers, sockets, targets, paths,
# slices), global settings, and their rendering into `systemd.units`
# (file name -> { text; enable; wantedBy; … }).
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption types mapAttrs' nameValuePair filterAttrs mapAttrs;
  cfg = config.systemd;
  unitOpts = import ./unit-options.nix { inherit lib pkgs config; };
  unitText = import ./unit-text.nix { inherit lib pkgs config; };

  # unitsOf kind extra: attrsOf submodule with the common options, the
  # derived unitConfig and the kind's own options.
  unitsOf = kindOptions: description: mkOption {
    type = types.attrsOf (types.submodule [ unitOpts.commonUnitOptions unitOpts.unitConfigFromOptions kindOptions ]);
    default = { };
    inherit description;
  };

  # toUnit lines def: a `systemd.units` entry for one unit definition
  # whose file is `lines` (see unit-text.nix).
  # (Written out rather than `inherit (def) …`: the definitions' positions
  # are shown, and CppNix 2.8 gives names inherited that way the position
  # of the whole name list where current Nix gives each name its own.)
  toUnit = lines: def: {
    enable = def.enable;
    wantedBy = def.wantedBy;
    requiredBy = def.requiredBy;
    upheldBy = def.upheldBy;
    aliases = def.aliases;
    overrideStrategy = def.overrideStrategy;
    text = unitText.linesText lines;
  };

  # renderAll kind render: each unit of `systemd.KIND` by file name, as
  # `{ def; lines; }` (`render loc def` gives the lines).
  renderAll = kind: render: lib.listToAttrs (lib.mapAttrsToList
    (name: def: nameValuePair def.name { inherit def; lines = render [ "systemd" kind name ] def; })
    cfg.${kind});

  # The timers `startAt` makes: their `OnCalendar=` comes from the service.
  startAtTimers = filterAttrs (_: service: service.enable && service.startAt != [ ]) cfg.services;

  # Every generated unit file by file name, with its definition and lines.
  rendered =
    renderAll "services" (loc: unitText.serviceLines loc cfg.globalEnvironment)
    // renderAll "sockets" unitText.socketLines
    // renderAll "timers" (unitText.timerLines cfg.services)
    // renderAll "targets" unitText.targetLines
    // renderAll "paths" unitText.pathLines
    // renderAll "slices" unitText.sliceLines;
in
{
  options.systemd = {
    package = mkOption {
      type = types.package;
      default = pkgs.systemd;
      defaultText = lib.literalExpression "pkgs.systemd";
      description = "The systemd package used by the system.";
    };

    services = unitsOf unitOpts.serviceOptions "Definitions of systemd service units (`NAME.service`).";
    sockets = unitsOf unitOpts.socketOptions "Definitions of systemd socket units (`NAME.socket`).";
    timers = unitsOf unitOpts.timerOptions "Definitions of systemd timer units (`NAME.timer`).";
    targets = unitsOf unitOpts.targetOptions "Definitions of systemd target units (`NAME.target`).";
    paths = unitsOf unitOpts.pathOptions "Definitions of systemd path units (`NAME.path`).";
    slices = unitsOf unitOpts.sliceOptions "Definitions of systemd slice units (`NAME.slice`).";

    units = mkOption {
      type = types.attrsOf (types.submodule {
        options = {
          text = mkOption {
            type = types.nullOr types.str;
            default = null;
            description = "The text of the unit file.";
          };
          enable = mkOption {
            type = types.bool;
            default = true;
            description = "Whether the unit is created (false masks it).";
          };
          wantedBy = mkOption { type = types.listOf types.str; default = [ ]; description = "Units that want this one."; };
          requiredBy = mkOption { type = types.listOf types.str; default = [ ]; description = "Units that require this one."; };
          upheldBy = mkOption { type = types.listOf types.str; default = [ ]; description = "Units that uphold this one."; };
          aliases = mkOption { type = types.listOf types.str; default = [ ]; description = "Other names of the unit."; };
          overrideStrategy = mkOption {
            type = types.enum [ "asDropinIfExists" "asDropin" ];
            default = "asDropinIfExists";
            description = "Whether the unit is a whole file or a drop-in.";
          };
        };
      });
      default = { };
      description = "Unit files by file name; generated from the options above, or given directly.";
    };

    globalEnvironment = mkOption {
      type = types.attrsOf (types.nullOr (types.oneOf [ types.str types.path types.package ]));
      default = { };
      example = { TZ = "CET"; };
      description = "Environment variables given to every systemd service.";
    };

    enableStrictShellChecks = mkOption {
      type = types.bool;
      default = false;
      description = "Whether generated service scripts are checked with ShellCheck by default.";
    };

    packages = mkOption {
      type = types.listOf types.package;
      default = [ ];
      description = "Packages whose unit files are added to the system.";
    };

    defaultUnit = mkOption {
      type = types.str;
      default = "multi-user.target";
      description = "The unit started at boot.";
    };

    generatedScripts = mkOption {
      type = types.attrsOf types.str;
      internal = true;
      readOnly = true;
      description = "Nixpen: the text of every generated unit script, by store path.";
    };
  };

  # The lines of each generated unit file and where each comes from, for
  # the views that explain them (`system.build.nixpenLines`); evaluated
  # only when asked for.
  config.system.build.nixpenUnitLines = mapAttrs (_: unit: unit.lines) rendered;

  config.systemd = {
    # A timer for each service with `startAt`.
    timers = mapAttrs (name: service: {
      wantedBy = [ "timers.target" ];
      timerConfig.OnCalendar = service.startAt;
    }) startAtTimers;

    units = mapAttrs (_: unit: toUnit unit.lines unit.def) rendered;

    generatedScripts = lib.listToAttrs (lib.concatMap
      (service: map (s: nameValuePair (builtins.unsafeDiscardStringContext s.path) s.text) service.jobScripts)
      (builtins.attrValues (filterAttrs (_: s: s.enable) cfg.services)));
  };
}
