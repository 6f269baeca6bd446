# Stand-ins for the packages Nixpen's package set does not have. Nixpen
# cannot hold all of nixpkgs, and a configuration names packages freely
# (`with pkgs; [ restic rsync ]`, `"${pkgs.restic}/bin/restic"`), so the
# names a configuration's files could take from `pkgs` are read from their
# text (no evaluation), and each one `pkgs` lacks becomes a derivation of
# that name: instantiated, never built, marked `nixpenStandIn`.
#
# Names are found after `pkgs.` (with the attributes that follow it:
# `pkgs.python3Packages.requests`), in `inherit (pkgs) …;`, and in the list
# after `with pkgs;` up to the next `;`. A name found that is not a package
# (a function's argument inside such a list) gives a stand-in nothing uses;
# the render reports only the stand-ins its results refer to.
{ lib, makeDerivation }:

let
  inherit (builtins) split filter isList isString concatMap elemAt head tail foldl' match;

  identifier = "[A-Za-z_][A-Za-z0-9_'-]*";

  keywords = [ "if" "then" "else" "let" "in" "with" "rec" "inherit" "assert" "or" "true" "false" "null"
    "builtins" "import" "pkgs" "lib" "config" "map" "toString" ];

  # The matches (lists of groups) of `regex` in `text`.
  matches = regex: text: filter isList (split regex text);

  # `text` without its comments (strings stay: `"${pkgs.restic}/bin/restic"`).
  code = text: lib.concatStrings (filter isString (split "#[^\n]*" text));

  # Attribute chains after `pkgs.`: [ "restic" ] or [ "python3Packages" "requests" ].
  # (`pkgs` as a whole name: not the end of `nixpkgs.url`.)
  selected = text: map (m: lib.splitString "." (elemAt m 1))
    (matches "(^|[^A-Za-z0-9_'.-])pkgs\\.(${identifier}(\\.${identifier})*)" text);

  # Names of `inherit (pkgs) a b;`.
  inherited = text: concatMap (m: map (n: [ n ]) (filter (n: n != "") (lib.splitString " " (head m))))
    (matches "inherit \\(pkgs\\)([^;]*);" (lib.replaceStrings [ "\n" "\t" ] [ " " " " ] text));

  # Free names in the list after `with pkgs;`, with the attributes that
  # follow them (`kdePackages.kate`); a name after a `.` is an attribute
  # of something else.
  inWith = text:
    let
      bodies = map (s: head (lib.splitString ";" s)) (tail (filter isString (split "(^|[^A-Za-z0-9_'.-])with pkgs;" text)));
      chains = body: map (m: lib.splitString "." (elemAt m 1))
        (matches "(^|[^A-Za-z0-9_'.-])(${identifier}(\\.${identifier})*)" body);
    in
    concatMap chains bodies;

  # namesIn texts: the attribute chains the texts may select from `pkgs`.
  namesIn = texts:
    let chains = concatMap (t: let c = code t; in selected c ++ inherited c ++ inWith c) texts; in
    filter (chain: !(builtins.elem (head chain) keywords)) chains;

  # A stand-in derivation for `pkgs.${path}`.
  standIn = path:
    let name = lib.last path; in
    makeDerivation {
      inherit name;
      pname = name;
      meta = {
        description = "Stand-in for pkgs.${lib.concatStringsSep "." path}, which Nixpen's package set does not have";
        mainProgram = name;
      };
      passthru.nixpenStandIn = lib.concatStringsSep "." path;
    };

  # The stand-ins a set `set` (at `path`) lacks for `chains` (paths below
  # it): the set's own value with them added, or a stand-in with them.
  fill = path: set: chains:
    let
      byName = builtins.groupBy head (filter (c: c != [ ]) chains);
      fillOne = name: rest:
        let
          below = filter (c: c != [ ]) (map tail rest);
          here = path ++ [ name ];
        in
        if set ? ${name} then
          (if below != [ ] && builtins.isAttrs set.${name} && !(lib.isDerivation set.${name})
           then set.${name} // fill here set.${name} below
           else set.${name})
        else if below == [ ] then standIn here
        else standIn here // fill here { } below;
    in
    builtins.mapAttrs fillOne (lib.filterAttrs (name: rest: !(set ? ${name}) || builtins.any (c: tail c != [ ]) rest) byName);
in
{
  inherit namesIn;

  # overlay chains: the overlay adding the stand-ins `chains` asks for (none
  # when every name is in the set).
  overlay = chains: final: prev: if chains == [ ] then { } else fill [ ] prev chains;

  # The stand-ins among `values` (packages and lists of them).
  isStandIn = v: builtins.isAttrs v && v ? nixpenStandIn;
}
