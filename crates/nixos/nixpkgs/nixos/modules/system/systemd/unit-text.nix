# Renderers for systemd unit files, writing them as NixOS writes them:
# sections in NixOS' order, keys sorted by name, one `Key=value` line per
# list element, `Environment=` lines quoted as JSON strings, and
# `[Install] WantedBy=` from `wantedBy`. Also the generated job scripts
# (`unit-script-NAME-start`, …) that `script`, `preStart`, … become.
{ lib, pkgs, config }:

let
  inherit (lib) concatStrings concatMapStrings concatStringsSep optionalString
    mapAttrsToList replaceStrings attrNames isList;
in
rec {
  # shellEscape s: `s` with backslashes doubled.
  shellEscape = s: replaceStrings [ "\\" ] [ "\\\\" ] s;

  # toOption value: a unit file value (booleans as true/false).
  toOption = x:
    if x == true then "true"
    else if x == false then "false"
    else toString x;

  # attrsToSection attrs: `Name=value` lines, sorted by name; a list value
  # gives one line per element.
  attrsToSection = as: concatStrings (lib.concatLists (mapAttrsToList
    (name: value: map (x: "${name}=${toOption x}\n") (if isList value then value else [ value ]))
    as));

  # makeJobScript name text: the path of the executable that runs `text`
  # for a unit (`unit-script-NAME` in the store, `bin/NAME` inside).
  makeJobScript = name: text:
    let
      scriptName = replaceStrings [ "\\" "@" ] [ "-" "_" ] (shellEscape name);
      drv = (pkgs.writeShellScriptBin scriptName ''
        set -e

        ${text}
      '').overrideAttrs (_: { name = "unit-script-${scriptName}"; });
    in
    {
      path = "${drv}/bin/${scriptName}";
      inherit drv;
      text = drv.text;
    };

  # Each renderer below gives the unit file as lines, `{ text; from; }`:
  # the line without its newline, and (evaluated only when asked for)
  # where it comes from, `{ options; note; }`: the option locations the
  # line is made from (`[ "systemd" "services" "foo" "serviceConfig"
  # "Restart" ]`) and, for what NixOS writes on its own, a note saying so.
  # `loc` is the unit's own location (`[ "systemd" "services" "foo" ]`).
  # The text of a unit is `linesText` of its lines.

  # linesText lines: the file the lines make.
  linesText = lines: concatMapStrings (l: l.text + "\n") lines;

  # line from text: one line of a unit file.
  line = from: text: { inherit text from; };

  # Origins of a line: some options; NixOS's own layout; options and a note.
  fromOptions = options: { inherit options; note = null; };
  layout = what: { options = [ ]; note = "${what} written by NixOS's unit renderer"; };
  fromWithNote = options: note: { inherit options note; };

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

  # sectionLines origin attrs: `attrsToSection` as lines; `origin name x`
  # says where the line for element `x` of key `name` comes from.
  sectionLines = origin: as: lib.concatLists (mapAttrsToList
    (name: value: map (x: line (origin name x) "${name}=${toOption x}") (if isList value then value else [ value ]))
    as);

  # keyOrigin loc option name: a key of an attribute-set option comes from
  # that key of the option.
  keyOrigin = loc: option: name: _: fromOptions [ (loc ++ [ option name ]) ];

  # unitKeyOrigin loc def: where a `[Unit]` key comes from: the option it
  # is derived from when that option is set, else `unitConfig.KEY`.
  unitKeyOrigin = loc: def:
    let derived = derivedUnitKeys def; in
    name: x:
      let d = derived.${name} or null; in
      if d != null && d.set then
        if lib.hasPrefix "X-" name
        then fromWithNote [ (loc ++ [ d.option ]) ] "a key of NixOS's own, read by switch-to-configuration, not by systemd"
        else fromOptions [ (loc ++ [ d.option ]) ]
      else fromOptions [ (loc ++ [ "unitConfig" name ]) ];

  # headerLines loc def body: the [Unit] section, then the lines `body`,
  # then [Install] when the unit is wanted by others.
  headerLines = loc: def: body:
    [ (line (layout "section header") "[Unit]") ]
    ++ sectionLines (unitKeyOrigin loc def) def.unitConfig
    ++ [ (line (layout "blank line") "") ]
    ++ body
    ++ lib.optionals (def.wantedBy != [ ]) [
      (line (layout "blank line") "")
      (line (layout "section header") "[Install]")
      (line (fromOptions [ (loc ++ [ "wantedBy" ]) ]) "WantedBy=${concatStringsSep " " def.wantedBy}")
    ];

  # The `serviceConfig` keys NixOS sets to run the scripts of these options.
  scriptKeys = {
    ExecStartPre = "preStart"; ExecStart = "script"; ExecStartPost = "postStart";
    ExecReload = "reload"; ExecStop = "preStop"; ExecStopPost = "postStop";
  };

  # serviceKeyOrigin loc def: where a `[Service]` key comes from: the
  # script option NixOS made it from, or `serviceConfig.KEY`.
  serviceKeyOrigin = loc: def:
    let scripts = map (s: s.path) def.jobScripts; in
    name: x:
      let option = scriptKeys.${name} or null; in
      if option != null && def.${option} != "" && builtins.any (p: lib.hasPrefix p (toString x)) scripts then
        fromWithNote
          ([ (loc ++ [ option ]) ] ++ lib.optional (option == "script" && def.scriptArgs != "") (loc ++ [ "scriptArgs" ]))
          "NixOS writes `${option}` into a script in the store and runs it"
      else fromOptions [ (loc ++ [ "serviceConfig" name ]) ];

  # envOrigin loc def globalEnvironment name: where an `Environment=` line
  # comes from: the service's `environment` (PATH: from `path` too), or
  # the variables NixOS gives every service.
  envOrigin = loc: def: globalEnvironment: name:
    if !(def.environment ? ${name}) then
      fromWithNote [ [ "systemd" "globalEnvironment" name ] ] "given to every service by NixOS (`systemd.globalEnvironment`)"
    else if name == "PATH" && def.path != [ ] then
      fromWithNote [ (loc ++ [ "path" ]) (loc ++ [ "environment" "PATH" ]) ]
        "NixOS puts the `bin` and `sbin` folders of `path` on PATH, its own defaults (coreutils, findutils, gnugrep, gnused, systemd) last"
    else fromOptions [ (loc ++ [ "environment" name ]) ];

  # serviceLines loc globalEnvironment def: the lines of a .service unit.
  serviceLines = loc: globalEnvironment: def:
    let
      env = globalEnvironment // def.environment;
      envLine = n:
        let
          text = "Environment=${builtins.toJSON "${n}=${env.${n}}"}";
        in
        if env.${n} == null then [ ]
        else if builtins.stringLength text >= 1048575
        then throw "The value of the environment variable ‘${n}’ in systemd service ‘${def.name}’ is too long."
        else [ (line (envOrigin loc def globalEnvironment n) text) ];
      own = option: fromWithNote [ (loc ++ [ option ]) ] "a key of NixOS's own, read by switch-to-configuration, not by systemd";
    in
    headerLines loc def (
      [ (line (layout "section header") "[Service]") ]
      ++ lib.concatMap envLine (attrNames env)
      ++ (if def.reloadIfChanged then [ (line (own "reloadIfChanged") "X-ReloadIfChanged=true") ]
          else if !def.restartIfChanged then [ (line (own "restartIfChanged") "X-RestartIfChanged=false") ]
          else [ ])
      ++ lib.optional (!def.stopIfChanged) (line (own "stopIfChanged") "X-StopIfChanged=false")
      ++ lib.optional def.notSocketActivated (line (own "notSocketActivated") "X-NotSocketActivated=true")
      ++ sectionLines (serviceKeyOrigin loc def) def.serviceConfig);

  # targetLines loc def: the lines of a .target unit (no [Install] section).
  targetLines = loc: def:
    [ (line (layout "section header") "[Unit]") ]
    ++ sectionLines (unitKeyOrigin loc def) def.unitConfig
    ++ [ (line (layout "blank line") "") ];

  # socketLines loc def: the lines of a .socket unit; an empty list of
  # addresses still leaves its blank line, as NixOS writes it.
  socketLines = loc: def:
    let
      addresses = key: option: values:
        if values == [ ] then [ (line (layout "blank line") "") ]
        else map (s: line (fromOptions [ (loc ++ [ option ]) ]) "${key}=${s}") values;
    in
    headerLines loc def (
      [ (line (layout "section header") "[Socket]") ]
      ++ sectionLines (keyOrigin loc "socketConfig") def.socketConfig
      ++ [ (line (layout "blank line") "") ]
      ++ addresses "ListenStream" "listenStreams" def.listenStreams
      ++ addresses "ListenDatagram" "listenDatagrams" def.listenDatagrams);

  # configLines section option loc def: a unit whose one section holds
  # the keys of `option` (timers, paths, slices).
  configLines = section: option: loc: def:
    headerLines loc def (
      [ (line (layout "section header") "[${section}]") ]
      ++ sectionLines (keyOrigin loc option) def.${option}
      ++ [ (line (layout "blank line") "") ]);

  timerLines = configLines "Timer" "timerConfig";
  pathLines = configLines "Path" "pathConfig";
  sliceLines = configLines "Slice" "sliceConfig";

}
