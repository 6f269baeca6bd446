# Where the lines of a unit file come from (unit-text.nix builds each line
# with one of these as its `from`): `{ options; note; }`, the locations of
# the options the line is made from and, for what NixOS writes on its
# own, a note saying so. Read only to explain a unit, never to render it
# (in the browser this file comes with those loaded after the first
# answer). `loc` is the unit's location (`[ "systemd" "services" "foo" ]`).
{ lib }:

let
  switchNote = "a key of NixOS's own, read by switch-to-configuration, not by systemd";

  # Keys of `[Unit]` that NixOS derives from other options of the unit
  # (`unitConfigFromOptions` in unit-options.nix), with the option each
  # comes from and whether that option is set.
  derivedUnitKeys = def:
    let
      list = name: { option = name; set = def.${name} != [ ]; };
      defined = name: { option = name; set = (builtins.tryEval def.${name}).success; };
    in {
      Requires = list "requires"; Wants = list "wants"; Upholds = list "upholds";
      After = list "after"; Before = list "before"; BindsTo = list "bindsTo";
      PartOf = list "partOf"; Conflicts = list "conflicts"; Requisite = list "requisite";
      X-Restart-Triggers = list "restartTriggers"; X-Reload-Triggers = list "reloadTriggers";
      Description = { option = "description"; set = def.description != ""; };
      Documentation = list "documentation"; OnFailure = list "onFailure"; OnSuccess = list "onSuccess";
      StartLimitIntervalSec = defined "startLimitIntervalSec"; StartLimitBurst = defined "startLimitBurst";
    };

  # The `serviceConfig` keys NixOS sets to run the scripts of these options.
  scriptKeys = {
    ExecStartPre = "preStart"; ExecStart = "script"; ExecStartPost = "postStart";
    ExecReload = "reload"; ExecStop = "preStop"; ExecStopPost = "postStop";
  };
in
rec {
  # options locs: a line made from these options.
  options = locs: { options = locs; note = null; };

  # withNote locs note: made from these options, with a note.
  withNote = locs: note: { options = locs; inherit note; };

  # layout what: a line of the file's layout (`section header`, `blank line`).
  layout = what: { options = [ ]; note = "${what} written by NixOS's unit renderer"; };

  # switchKey loc option: an `X-…` key NixOS writes for switching configurations.
  switchKey = loc: option: withNote [ (loc ++ [ option ]) ] switchNote;

  # key loc option name x: a key of an attribute-set option comes from
  # that key of the option.
  key = loc: option: name: _: options [ (loc ++ [ option name ]) ];

  # unitKey loc def name x: a `[Unit]` key comes from the option it is
  # derived from when that option is set, else from `unitConfig.KEY`.
  unitKey = loc: def:
    let derived = derivedUnitKeys def; in
    name: _:
      let d = derived.${name} or null; in
      if d != null && d.set then
        if lib.hasPrefix "X-" name then withNote [ (loc ++ [ d.option ]) ] switchNote
        else options [ (loc ++ [ d.option ]) ]
      else options [ (loc ++ [ "unitConfig" name ]) ];

  # serviceKey loc def name x: a `[Service]` key comes from the script
  # option NixOS made it from, or from `serviceConfig.KEY`.
  serviceKey = loc: def:
    let scripts = map (s: s.path) def.jobScripts; in
    name: x:
      let option = scriptKeys.${name} or null; in
      if option != null && def.${option} != "" && builtins.any (p: lib.hasPrefix p (toString x)) scripts then
        withNote
          ([ (loc ++ [ option ]) ] ++ lib.optional (option == "script" && def.scriptArgs != "") (loc ++ [ "scriptArgs" ]))
          "NixOS writes `${option}` into a script in the store and runs it"
      else options [ (loc ++ [ "serviceConfig" name ]) ];

  # environment loc def name: an `Environment=` line comes from the
  # service's `environment` (PATH: from `path` too), or from the variables
  # NixOS gives every service.
  environment = loc: def: name:
    if !(def.environment ? ${name}) then
      withNote [ [ "systemd" "globalEnvironment" name ] ] "given to every service by NixOS (`systemd.globalEnvironment`)"
    else if name == "PATH" && def.path != [ ] then
      withNote [ (loc ++ [ "path" ]) (loc ++ [ "environment" "PATH" ]) ]
        "NixOS puts the `bin` and `sbin` folders of `path` on PATH, its own defaults (coreutils, findutils, gnugrep, gnused, systemd) last"
    else options [ (loc ++ [ "environment" name ]) ];

  # timerKey services loc name x: a timer's key; the `OnCalendar=` of a
  # timer that a service's `startAt` made names that `startAt` too.
  timerKey = services: loc: name: x:
    let
      service = lib.last loc;
      made = name == "OnCalendar" && services ? ${service} && services.${service}.startAt != [ ];
    in
    options ([ (loc ++ [ "timerConfig" name ]) ] ++ lib.optional made [ "systemd" "services" service "startAt" ]);
}
