# The rendered files of a configuration as lines that know where they come
# from (unit-text.nix and nginx/config-text.nix build them so), by the
# name views give each file: `units/NAME`, `nginx.conf`, `etc/PATH`; and the
# files that define each unit. modules/system/build.nix gives them as
# `system.build.nixpenLines` and `system.build.nixpenUnitOwners`, read only
# to explain the files (in the browser this file comes with those loaded
# after the first answer).
{ lib, config, options, units, unitFile, nginx, etcText }:

let
  # The lines of a text, each from the options `from` (an /etc file given
  # whole, a unit file given as text).
  textLines = from: text:
    map (line: { text = line; inherit from; })
      (let ls = lib.splitString "\n" text; in if ls != [ ] && lib.last ls == "" then lib.init ls else ls);
  linesText = lib.concatMapStrings (l: l.text + "\n");

  unitLines = config.system.build.nixpenUnitLines or { };
  nginxLines = config.system.build.nixpenNginxLines or null;

  # The unit kinds and the suffix of their files.
  unitKinds = { services = "service"; sockets = "socket"; timers = "timer"; targets = "target"; paths = "path"; slices = "slice"; };
in
{
  # Each file's lines `{ text; from; }`; a unit or /etc file its module
  # gives as text has every line from that option.
  files =
    lib.mapAttrs' (name: unit: lib.nameValuePair "units/${unitFile name unit}" (
      let rendered = unitLines.${name} or null; in
      if rendered != null && linesText rendered == unit.text then rendered
      else textLines { options = [ [ "systemd" "units" name "text" ] ]; note = null; } unit.text
    )) units
    // lib.optionalAttrs (nginx != null && nginxLines != null) { "nginx.conf" = nginxLines; }
    // lib.mapAttrs' (name: entry:
      let text = etcText entry; in
      lib.nameValuePair "etc/${entry.target}" (
        if nginxLines != null && text == nginx then nginxLines
        else textLines {
          options = [ [ "environment" "etc" name (if entry.text != null then "text" else "source") ] ];
          note = null;
        } text))
      (lib.filterAttrs (_: e: e.enable && etcText e != null) config.environment.etc);

  # The files of the configuration's units, by unit file name: which files
  # define each `systemd.<kind>.<name>` (for the unit graph).
  unitOwners = lib.foldl' (acc: kind:
    acc // lib.mapAttrs' (name: files: lib.nameValuePair "${name}.${unitKinds.${kind}}" files)
      (lib.nixpen.explain.definedBy options.systemd.${kind}))
    (lib.nixpen.explain.definedBy options.systemd.units) (builtins.attrNames unitKinds);
}
