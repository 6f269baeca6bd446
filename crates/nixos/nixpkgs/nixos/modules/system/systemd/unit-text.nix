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

  # Where lines come from (unit-origins.nix: with the files the browser
  # loads after the first answer; read only when a line's `from` is).
  origin = import ./unit-origins.nix { inherit lib; };
  layout = what: origin.layout what;

  # sectionLines origin attrs: `attrsToSection` as lines; `origin name x`
  # says where the line for element `x` of key `name` comes from.
  sectionLines = origin: as: lib.concatLists (mapAttrsToList
    (name: value: map (x: line (origin name x) "${name}=${toOption x}") (if isList value then value else [ value ]))
    as);

  # headerLines loc def body: the [Unit] section, then the lines `body`,
  # then [Install] when the unit is wanted by others.
  headerLines = loc: def: body:
    [ (line (layout "section header") "[Unit]") ]
    ++ sectionLines (origin.unitKey loc def) def.unitConfig
    ++ [ (line (layout "blank line") "") ]
    ++ body
    ++ lib.optionals (def.wantedBy != [ ]) [
      (line (layout "blank line") "")
      (line (layout "section header") "[Install]")
      (line (origin.options [ (loc ++ [ "wantedBy" ]) ]) "WantedBy=${concatStringsSep " " def.wantedBy}")
    ];

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
        else [ (line (origin.environment loc def n) text) ];
      own = option: origin.switchKey loc option;
    in
    headerLines loc def (
      [ (line (layout "section header") "[Service]") ]
      ++ lib.concatMap envLine (attrNames env)
      ++ (if def.reloadIfChanged then [ (line (own "reloadIfChanged") "X-ReloadIfChanged=true") ]
          else if !def.restartIfChanged then [ (line (own "restartIfChanged") "X-RestartIfChanged=false") ]
          else [ ])
      ++ lib.optional (!def.stopIfChanged) (line (own "stopIfChanged") "X-StopIfChanged=false")
      ++ lib.optional def.notSocketActivated (line (own "notSocketActivated") "X-NotSocketActivated=true")
      ++ sectionLines (origin.serviceKey loc def) def.serviceConfig);

  # targetLines loc def: the lines of a .target unit (no [Install] section).
  targetLines = loc: def:
    [ (line (layout "section header") "[Unit]") ]
    ++ sectionLines (origin.unitKey loc def) def.unitConfig
    ++ [ (line (layout "blank line") "") ];

  # socketLines loc def: the lines of a .socket unit; an empty list of
  # addresses still leaves its blank line, as NixOS writes it.
  socketLines = loc: def:
    let
      addresses = key: option: values:
        if values == [ ] then [ (line (layout "blank line") "") ]
        else map (s: line (origin.options [ (loc ++ [ option ]) ]) "${key}=${s}") values;
    in
    headerLines loc def (
      [ (line (layout "section header") "[Socket]") ]
      ++ sectionLines (origin.key loc "socketConfig") def.socketConfig
      ++ [ (line (layout "blank line") "") ]
      ++ addresses "ListenStream" "listenStreams" def.listenStreams
      ++ addresses "ListenDatagram" "listenDatagrams" def.listenDatagrams);

  # configLines section option origin loc def: a unit whose one section
  # holds the keys of `option` (timers, paths, slices).
  configLines = section: option: keyOrigin: loc: def:
    headerLines loc def (
      [ (line (layout "section header") "[${section}]") ]
      ++ sectionLines keyOrigin def.${option}
      ++ [ (line (layout "blank line") "") ]);

  # timerLines services loc def: a timer's lines; the `OnCalendar=` of a
  # timer a service's `startAt` made names that too.
  timerLines = services: loc: def: configLines "Timer" "timerConfig" (origin.timerKey services loc) loc def;
  pathLines = loc: configLines "Path" "pathConfig" (origin.key loc "pathConfig") loc;
  sliceLines = loc: configLines "Slice" "sliceConfig" (origin.key loc "sliceConfig") loc;

}
