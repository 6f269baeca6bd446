# The packages a system build installs, as the render lists them: those of
# `environment.systemPackages` and of each user's `packages`, each
# { name; path; standIn; } (`standIn`: the attribute path of a stand-in,
# see pkgs/stand-ins.nix, else null). Listing them evaluates them, as a
# system build does, so errors in them show.
#
# Also the stand-ins the rendered files refer to (by the derivations in
# their string context), and the warning naming them.
#
# { lib, config, pkgs } -> texts -> { systemPackages; userPackages; standIns; warnings; }
{ lib, config, pkgs }:

let
  inherit (builtins) filter map isAttrs;

  describe = p: {
    name = p.name or (throw "a package without a name");
    path = p.outPath;
    standIn = if isAttrs p then p.nixpenStandIn or null else null;
  };

  systemPackages = map describe config.environment.systemPackages;
  userPackages = lib.mapAttrs (_: u: map describe u.packages)
    (lib.filterAttrs (_: u: u.packages != [ ]) config.users.users);

  # The stand-ins `pkgs` was given (by the names the files show).
  candidates = filter (s: isAttrs s && s ? nixpenStandIn)
    (map (path: lib.attrByPath path null pkgs) (pkgs.nixpenStandInPaths or [ ]));
in
texts:
let
  context = builtins.getContext (lib.concatStrings texts);
  installed = map (p: p.path) (systemPackages ++ lib.concatLists (builtins.attrValues userPackages));
  used = filter (s: context ? ${builtins.unsafeDiscardStringContext s.drvPath} || builtins.elem s.outPath installed) candidates;
  names = lib.sort (a: b: a < b) (lib.unique (map (s: s.nixpenStandIn) used));
in
{
  inherit systemPackages userPackages;
  standIns = names;
  warnings = lib.optional (names != [ ]) (
    "${lib.concatMapStringsSep ", " (n: "pkgs.${n}") names}: not in Nixpen's package set; "
    + "${if lib.length names == 1 then "a stand-in" else "stand-ins"} (a derivation of that name, never built) "
    + "${if lib.length names == 1 then "takes its" else "take their"} place");
}
