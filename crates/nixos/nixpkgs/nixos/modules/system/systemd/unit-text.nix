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

  # unitHeader def body: the [Unit] section, then `body`, then [Install]
  # when the unit is wanted by others.
  unitHeader = def: body:
    "[Unit]\n" + attrsToSection def.unitConfig + "\n"
    + body
    + optionalString (def.wantedBy != [ ]) ''

      [Install]
      WantedBy=${concatStringsSep " " def.wantedBy}
    '';

  # serviceText globalEnvironment def: the text of a .service unit.
  serviceText = globalEnvironment: def:
    let
      env = globalEnvironment // def.environment;
      envLine = n:
        let line = optionalString (env.${n} != null) "Environment=${builtins.toJSON "${n}=${env.${n}}"}\n";
        in
        if builtins.stringLength line >= 1048576
        then throw "The value of the environment variable ‘${n}’ in systemd service ‘${def.name}’ is too long."
        else line;
    in
    unitHeader def (
      "[Service]\n"
      + concatMapStrings envLine (attrNames env)
      + (if def.reloadIfChanged then "X-ReloadIfChanged=true\n"
         else if !def.restartIfChanged then "X-RestartIfChanged=false\n"
         else "")
      + optionalString (!def.stopIfChanged) "X-StopIfChanged=false\n"
      + optionalString def.notSocketActivated "X-NotSocketActivated=true\n"
      + attrsToSection def.serviceConfig);

  # targetText def: the text of a .target unit (no [Install] section).
  targetText = def: "[Unit]\n" + attrsToSection def.unitConfig + "\n";

  # socketText def: the text of a .socket unit.
  socketText = def: unitHeader def (
    "[Socket]\n" + attrsToSection def.socketConfig + "\n"
    + concatStringsSep "\n" (map (s: "ListenStream=${s}") def.listenStreams) + "\n"
    + concatStringsSep "\n" (map (s: "ListenDatagram=${s}") def.listenDatagrams) + "\n");

  # timerText def: the text of a .timer unit.
  timerText = def: unitHeader def ("[Timer]\n" + attrsToSection def.timerConfig + "\n");

  # pathText def: the text of a .path unit.
  pathText = def: unitHeader def ("[Path]\n" + attrsToSection def.pathConfig + "\n");

  # sliceText def: the text of a .slice unit.
  sliceText = def: unitHeader def ("[Slice]\n" + attrsToSection def.sliceConfig + "\n");
}
