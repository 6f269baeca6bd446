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
#
# Scanning costs, so it is done only when needed: a render that fails as a
# missing package would (`attribute '…' missing`, `undefined variable '…'`)
# is evaluated once more with nixos/modules/misc/stand-ins.nix, which adds
# the overlay below (crates/nixos/src/target.rs, `Target::stand_ins_expr`).
{ lib }:

let
  inherit (builtins) split filter isList isString concatMap elemAt head tail foldl' match;

  identifier = "[A-Za-z_][A-Za-z0-9_'-]*";

  keywords = [ "if" "then" "else" "let" "in" "with" "rec" "inherit" "assert" "or" "true" "false" "null"
    "builtins" "import" "pkgs" "lib" "config" "map" "toString" ];

  # The scan runs on every evaluation, so it splits on plain text and reads
  # each piece with `builtins.match` at its start (the evaluator keeps match
  # results between evaluations while the text is the same).

  # The matches (lists of groups) of `regex` in `text`.
  matches = regex: text: filter isList (split regex text);

  # The names of a chain written `a.b.c` (no context to keep: read from a file).
  namesOf = chain: filter isString (split "\\." chain);

  # The attribute chain at the start of `s` (`restic`, `python3Packages.requests`).
  chainAt = s:
    let m = match "(${identifier}(\\.${identifier})*).*" (builtins.substring 0 120 s); in
    if m == null then [ ] else [ (namesOf (head m)) ];

  # Whether `s` ends with a character that can be part of a name (so that
  # `nixpkgs.url` is not `pkgs.url`).
  endsInName = s: s != "" && match "[A-Za-z0-9_'.-]" (builtins.substring (builtins.stringLength s - 1) 1 s) != null;

  # Free names in the list of a `with pkgs;` body, with the attributes that
  # follow them (`kdePackages.kate`); a name after a `.` is an attribute
  # of something else.
  inWith = body:
    let upToSemicolon = match "([^;]*);.*" (builtins.substring 0 2000 body); in
    if upToSemicolon == null then [ ] else
    map (m: namesOf (elemAt m 1))
      (matches "(^|[^A-Za-z0-9_'.-])(${identifier}(\\.${identifier})*)" (head upToSemicolon));

  # Names of `inherit (pkgs) a b;` (from the text after `inherit (pkgs)`).
  inherited = rest:
    let m = match "([^;]*);.*" (builtins.substring 0 400 rest); in
    if m == null then [ ] else map (n: [ n ]) (filter (n: n != "") (lib.splitString " " (head m)));

  # The chains of one text, in one pass over it: the text is split at each
  # `pkgs.`, `with pkgs;` and `inherit (pkgs)`, and the piece after each is
  # read as that one calls for.
  chainsIn = text:
    let
      parts = split "(pkgs\\.|with pkgs;|inherit \\(pkgs\\))" text;
      count = (builtins.length parts - 1) / 2;
      one = i:
        let
          before = elemAt parts (2 * i);
          kind = head (elemAt parts (2 * i + 1));
          rest = elemAt parts (2 * i + 2);
        in
        if kind == "with pkgs;" then inWith rest
        else if kind == "pkgs." then (if endsInName before then [ ] else chainAt rest)
        else inherited rest;
    in
    concatMap one (builtins.genList (i: i) count);

  # namesIn texts: the attribute chains the texts may select from `pkgs`.
  namesIn = texts: filter (chain: !(builtins.elem (head chain) keywords)) (concatMap chainsIn texts);

  # A stand-in derivation for `pkgs.${path}`, made by `makeDerivation`.
  standIn = makeDerivation: path:
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

  # Whether `set` lacks a name of `chain`: its first, or one further down
  # in a set that is not a package.
  lacks = set: chain:
    chain != [ ] && (!(set ? ${head chain}) || (
      let v = set.${head chain}; in
      tail chain != [ ] && builtins.isAttrs v && !(lib.isDerivation v) && lacks v (tail chain)));

  # The stand-ins a set `set` (at `path`) lacks for `chains` (paths below
  # it): the set's own value with them added, or a stand-in with them.
  fill = makeDerivation: path: set: chains:
    let
      byName = builtins.groupBy head (filter (c: c != [ ]) chains);
      fillOne = name: rest:
        let
          below = filter (c: c != [ ]) (map tail rest);
          here = path ++ [ name ];
        in
        if set ? ${name} then
          (if below != [ ] && builtins.isAttrs set.${name} && !(lib.isDerivation set.${name})
           then set.${name} // fill makeDerivation here set.${name} below
           else set.${name})
        else if below == [ ] then standIn makeDerivation here
        else standIn makeDerivation here // fill makeDerivation here { } below;
    in
    builtins.mapAttrs fillOne (lib.filterAttrs (name: rest: !(set ? ${name}) || builtins.any (c: tail c != [ ]) rest) byName);
in
{
  inherit namesIn;

  # overlay chains: the overlay adding the stand-ins `chains` asks for
  # (nothing to merge when the set has every one), and listing them in
  # `nixpenStandInPaths` (read by nixos/lib/render-packages.nix).
  overlay = chains: final: prev:
    let missing = filter (lacks prev) chains; in
    if missing == [ ] then { } else fill prev.stdenv.mkDerivation [ ] prev missing // { nixpenStandInPaths = missing; };

  # The stand-ins among `values` (packages and lists of them).
  isStandIn = v: builtins.isAttrs v && v ? nixpenStandIn;
}
