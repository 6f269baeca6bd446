# Option declarations of systemd units (systemd.services.<name>,
# .timers, .sockets, .targets, .paths, .slices), with NixOS' names, types
# and defaults, and the modules that derive `unitConfig`, `PATH` and the
# `Exec*=` scripts from them.
{ lib, pkgs, config }:

let
  inherit (lib) mkOption mkIf mkMerge mkAfter types optionalAttrs;
  unitText = import ./unit-text.nix { inherit lib pkgs config; };

  # A unit name such as `network.target`.
  unitNameType =
    if types ? strMatching
    then types.strMatching "[a-zA-Z0-9@%:_.\\-]+[.](service|socket|device|mount|automount|swap|target|path|timer|scope|slice)"
    else types.str;

  # The value of one unit-file key: a scalar, or a list giving one line
  # per element. Lists from several definitions are concatenated; scalars
  # must agree.
  unitOption = lib.mkOptionType {
    name = "systemd option";
    description = "systemd option";
    check = v: true;
    merge = loc: defs:
      let defs' = lib.filterOverrides defs;
      in
      if builtins.any (def: builtins.isList def.value) defs'
      then lib.concatMap (def: lib.toList def.value) defs'
      else lib.mergeEqualOption loc defs';
  };

  unitOptionAttrs = types.attrsOf unitOption;

  # checkValues group checks attrs: whether `attrs` passes `checks`; like
  # NixOS, each failure is traced and makes the definition ill-typed.
  # Values may still be wrapped in mkIf/mkOverride at this point.
  checkValues = group: checks: attrs:
    let
      unwrap = v: if builtins.elem (v._type or "") [ "override" "if" ] then v.content else v;
      values = builtins.mapAttrs (_: unwrap) attrs;
      errors = lib.concatMap (check: check group values) checks;
    in
    if errors == [ ] then true else builtins.trace (lib.concatStringsSep "\n" errors) false;

  # oneOf name allowed: a check that key `name`, when set, is one of `allowed`.
  oneOf = name: allowed: group: attrs:
    lib.optional (attrs ? ${name} && !(builtins.elem attrs.${name} allowed))
      "Systemd ${group} field `${name}' cannot have value `${toString attrs.${name}}'.";

  serviceChecks = checkValues "Service" [
    (oneOf "Type" [ "exec" "simple" "forking" "oneshot" "dbus" "notify" "notify-reload" "idle" ])
    (oneOf "Restart" [ "no" "on-success" "on-failure" "on-abnormal" "on-abort" "always" ])
  ];

  listOfUnits = what: mkOption {
    type = types.listOf unitNameType;
    default = [ ];
    description = what;
  };
in
rec {
  inherit unitOption;

  # Options every unit has. A module that is a set, not a function (as in
  # NixOS): every unit's evaluation shares its declarations, evaluated once.
  commonUnitOptions = {
    options = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = ''
          Whether to create this unit. Setting it to false masks the unit
          instead (links it to /dev/null).
        '';
      };

      name = mkOption {
        type = types.str;
        internal = true;
        description = "The unit's file name, such as `foo.service`.";
      };

      description = mkOption {
        type = types.singleLineStr or types.str;
        default = "";
        description = "A short human-readable description of the unit (`Description=`).";
      };

      documentation = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "URIs of documentation for this unit (`Documentation=`).";
      };

      requires = listOfUnits "Units started with this one; if one of them fails, this unit is stopped too (`Requires=`).";
      wants = listOfUnits "Units started with this one, without failing if they fail (`Wants=`).";
      upholds = listOfUnits "Units kept running while this one is active (`Upholds=`).";
      after = listOfUnits "Units this one starts after, when both start (`After=`).";
      before = listOfUnits "Units this one starts before, when both start (`Before=`).";
      bindsTo = listOfUnits "Like `requires`, and this unit also stops when one of these stops (`BindsTo=`).";
      partOf = listOfUnits "Units whose stop or restart also stops or restarts this one (`PartOf=`).";
      conflicts = listOfUnits "Units stopped when this one starts, and the other way round (`Conflicts=`).";
      requisite = listOfUnits "Units that must already be active for this one to start (`Requisite=`).";
      onFailure = listOfUnits "Units activated when this one fails (`OnFailure=`).";
      onSuccess = listOfUnits "Units activated when this one succeeds (`OnSuccess=`).";

      wantedBy = mkOption {
        type = types.listOf unitNameType;
        default = [ ];
        description = ''
          Units that want this one: starting them starts this unit too. The
          most common value is `[ "multi-user.target" ]`, to start at boot.
        '';
      };

      requiredBy = mkOption {
        type = types.listOf unitNameType;
        default = [ ];
        description = "Units that require this one (like `wantedBy`, but they fail if it fails).";
      };

      upheldBy = mkOption {
        type = types.listOf unitNameType;
        default = [ ];
        description = "Units that keep this one running while they are active.";
      };

      aliases = mkOption {
        type = types.listOf unitNameType;
        default = [ ];
        description = "Other names this unit can be reached by.";
      };

      unitConfig = mkOption {
        type = unitOptionAttrs;
        default = { };
        example = { RequiresMountsFor = "/data"; };
        description = "Keys of the `[Unit]` section, in addition to the ones other options set.";
      };

      restartTriggers = mkOption {
        type = types.listOf types.unspecified;
        default = [ ];
        description = "Values whose change makes switching configuration restart this unit.";
      };

      reloadTriggers = mkOption {
        type = types.listOf types.unspecified;
        default = [ ];
        description = "Values whose change makes switching configuration reload this unit.";
      };

      startLimitBurst = mkOption {
        type = types.int;
        description = "How many starts are allowed within `startLimitIntervalSec` (`StartLimitBurst=`).";
      };

      startLimitIntervalSec = mkOption {
        type = types.int;
        description = "The interval over which starts are counted for `startLimitBurst` (`StartLimitIntervalSec=`).";
      };

      overrideStrategy = mkOption {
        type = types.enum [ "asDropinIfExists" "asDropin" ];
        default = "asDropinIfExists";
        description = "Whether the unit is a whole file or a drop-in for a unit systemd already has.";
      };
    };
  };

  # Derives `unitConfig` keys from the dependency options above.
  unitConfigFromOptions = { name, config, options, ... }: {
    config.unitConfig =
      optionalAttrs (config.requires != [ ]) { Requires = toString config.requires; }
      // optionalAttrs (config.wants != [ ]) { Wants = toString config.wants; }
      // optionalAttrs (config.upholds != [ ]) { Upholds = toString config.upholds; }
      // optionalAttrs (config.after != [ ]) { After = toString config.after; }
      // optionalAttrs (config.before != [ ]) { Before = toString config.before; }
      // optionalAttrs (config.bindsTo != [ ]) { BindsTo = toString config.bindsTo; }
      // optionalAttrs (config.partOf != [ ]) { PartOf = toString config.partOf; }
      // optionalAttrs (config.conflicts != [ ]) { Conflicts = toString config.conflicts; }
      // optionalAttrs (config.requisite != [ ]) { Requisite = toString config.requisite; }
      // optionalAttrs (config.restartTriggers != [ ]) {
        X-Restart-Triggers = "${pkgs.writeText "X-Restart-Triggers-${name}" (toString (map (x: if builtins.isPath x then "${x}" else x) (lib.flatten config.restartTriggers)))}";
      }
      // optionalAttrs (config.reloadTriggers != [ ]) {
        X-Reload-Triggers = "${pkgs.writeText "X-Reload-Triggers-${name}" (toString (map (x: if builtins.isPath x then "${x}" else x) (lib.flatten config.reloadTriggers)))}";
      }
      // optionalAttrs (config.description != "") { Description = config.description; }
      // optionalAttrs (config.documentation != [ ]) { Documentation = toString config.documentation; }
      // optionalAttrs (config.onFailure != [ ]) { OnFailure = toString config.onFailure; }
      // optionalAttrs (config.onSuccess != [ ]) { OnSuccess = toString config.onSuccess; }
      // optionalAttrs options.startLimitIntervalSec.isDefined { StartLimitIntervalSec = toString config.startLimitIntervalSec; }
      // optionalAttrs options.startLimitBurst.isDefined { StartLimitBurst = toString config.startLimitBurst; };
  };

  # The options of systemd.services.<name>.
  serviceOptions = { name, config, ... }: {
    options = {
      environment = mkOption {
        type = types.attrsOf (types.nullOr (types.oneOf [ types.str types.path types.package ]));
        default = { };
        example = { PATH = "/foo/bar/bin"; LANG = "nl_NL.UTF-8"; };
        description = "Environment variables of the service's processes (`Environment=` lines).";
      };

      path = mkOption {
        type = types.listOf (types.oneOf [ types.package types.str ]);
        default = [ ];
        description = ''
          Packages whose `bin` and `sbin` folders go on the service's PATH
          (before the default coreutils, findutils, gnugrep, gnused and systemd).
        '';
      };

      serviceConfig = mkOption {
        type = types.addCheck unitOptionAttrs serviceChecks;
        default = { };
        example = { RestartSec = 5; };
        description = "Keys of the `[Service]` section, such as `ExecStart` or `Restart`.";
      };

      script = mkOption {
        type = types.lines;
        default = "";
        description = "Shell commands run as the service's main process (they become `ExecStart=`).";
      };

      scriptArgs = mkOption {
        type = types.str;
        default = "";
        example = "%i";
        description = "Arguments given to `script` (systemd specifiers such as `%i` work).";
      };

      preStart = mkOption {
        type = types.lines;
        default = "";
        description = "Shell commands run before the main process starts (`ExecStartPre=`).";
      };

      postStart = mkOption {
        type = types.lines;
        default = "";
        description = "Shell commands run after the main process has started (`ExecStartPost=`).";
      };

      reload = mkOption {
        type = types.lines;
        default = "";
        description = "Shell commands run to reload the service (`ExecReload=`).";
      };

      preStop = mkOption {
        type = types.lines;
        default = "";
        description = "Shell commands run to stop the service (`ExecStop=`).";
      };

      postStop = mkOption {
        type = types.lines;
        default = "";
        description = "Shell commands run after the main process has exited (`ExecStopPost=`).";
      };

      jobScripts = mkOption {
        type = types.listOf types.unspecified;
        internal = true;
        default = [ ];
        description = "The scripts generated from script, preStart, … (Nixpen: with their text).";
      };

      restartIfChanged = mkOption {
        type = types.bool;
        default = true;
        description = "Whether switching to a configuration that changes this service restarts it.";
      };

      reloadIfChanged = mkOption {
        type = types.bool;
        default = false;
        description = ''
          Whether switching to a configuration that changes this service
          reloads it instead of restarting it (takes precedence over `restartIfChanged`).
        '';
      };

      stopIfChanged = mkOption {
        type = types.bool;
        default = true;
        description = ''
          Whether a changed service is stopped before the new configuration
          is activated and started after it, rather than restarted at once.
        '';
      };

      notSocketActivated = mkOption {
        type = types.bool;
        default = false;
        description = "Whether switching configuration restarts this service even when a socket starts it.";
      };

      startAt = mkOption {
        type = types.either types.str (types.listOf types.str);
        default = [ ];
        example = "Sun 14:00:00";
        apply = v: if builtins.isList v then v else [ v ];
        description = ''
          When to start the service, in systemd calendar syntax; a timer
          unit with `OnCalendar=` is generated for it.
        '';
      };

      enableStrictShellChecks = mkOption {
        type = types.bool;
        default = false;
        description = "Whether the generated scripts are checked with ShellCheck and run with `set -euo pipefail`.";
      };
    };

    config = mkMerge [
      {
        name = "${name}.service";
        # The default PATH: the service's packages, then a minimal set.
        path = mkAfter [ pkgs.coreutils pkgs.findutils pkgs.gnugrep pkgs.gnused config_.systemd.package ];
        environment.PATH = mkIf (config.path != [ ])
          "${lib.makeBinPath config.path}:${lib.makeSearchPathOutput "bin" "sbin" config.path}";
      }
      (jobScript config.preStart "${name}-pre-start" (s: { ExecStartPre = [ s ]; }))
      (jobScript config.script "${name}-start" (s: { ExecStart = s + " " + config.scriptArgs; }))
      (jobScript config.postStart "${name}-post-start" (s: { ExecStartPost = [ s ]; }))
      (jobScript config.reload "${name}-reload" (s: { ExecReload = [ s ]; }))
      (jobScript config.preStop "${name}-pre-stop" (s: { ExecStop = [ s ]; }))
      (jobScript config.postStop "${name}-post-stop" (s: { ExecStopPost = [ s ]; }))
    ];
  };

  config_ = config;

  # jobScript text scriptName keys: when `text` is set, the script for it
  # and the `serviceConfig` keys (from `keys path`) that run it.
  jobScript = text: scriptName: keys:
    let script = unitText.makeJobScript scriptName text;
    in mkIf (text != "") {
      jobScripts = [ script ];
      serviceConfig = keys script.path;
    };

  # The options of systemd.sockets.<name>.
  socketOptions = { name, ... }: {
    options = {
      listenStreams = mkOption {
        type = types.listOf types.str;
        default = [ ];
        example = [ "0.0.0.0:993" "/run/my-socket" ];
        description = "Addresses to listen on for stream sockets (`ListenStream=`).";
      };
      listenDatagrams = mkOption {
        type = types.listOf types.str;
        default = [ ];
        example = [ "0.0.0.0:993" "/run/my-socket" ];
        description = "Addresses to listen on for datagram sockets (`ListenDatagram=`).";
      };
      socketConfig = mkOption {
        type = unitOptionAttrs;
        default = { };
        example = { ListenStream = "/run/my-socket"; };
        description = "Keys of the `[Socket]` section.";
      };
    };
    config.name = "${name}.socket";
  };

  # The options of systemd.timers.<name>.
  timerOptions = { name, ... }: {
    options.timerConfig = mkOption {
      type = unitOptionAttrs;
      default = { };
      example = { OnCalendar = "Sun 14:00:00"; Unit = "foo.service"; };
      description = "Keys of the `[Timer]` section, such as `OnCalendar`.";
    };
    config.name = "${name}.timer";
  };

  # The options of systemd.paths.<name>.
  pathOptions = { name, ... }: {
    options.pathConfig = mkOption {
      type = unitOptionAttrs;
      default = { };
      example = { PathChanged = "/some/path"; Unit = "changedpath.service"; };
      description = "Keys of the `[Path]` section.";
    };
    config.name = "${name}.path";
  };

  # The options of systemd.slices.<name>.
  sliceOptions = { name, ... }: {
    options.sliceConfig = mkOption {
      type = unitOptionAttrs;
      default = { };
      example = { MemoryMax = "2G"; };
      description = "Keys of the `[Slice]` section.";
    };
    config.name = "${name}.slice";
  };

  # The options of systemd.targets.<name>.
  targetOptions = { name, ... }: {
    config.name = "${name}.target";
  };
}
