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

  # The scan runs on every evaluation, so it splits on plain text and reads
  # each piece with `builtins.match` at its start (the evaluator keeps match
  # results between evaluations while the text is the same).

  # The matches (lists of groups) of `regex` in `text`.
  matches = regex: text: filter isList (split regex text);

  # The attribute chain at the start of `s` (`restic`, `python3Packages.requests`).
  chainAt = s:
    let m = match "(${identifier}(\\.${identifier})*).*" (builtins.substring 0 120 s); in
    if m == null then [ ] else [ (lib.splitString "." (head m)) ];

  # Whether `s` ends with a character that can be part of a name (so that
  # `nixpkgs.url` is not `pkgs.url`).
  endsInName = s: s != "" && match "[A-Za-z0-9_'.-]" (builtins.substring (builtins.stringLength s - 1) 1 s) != null;

  # Free names in the list of a `with pkgs;` body, with the attributes that
  # follow them (`kdePackages.kate`); a name after a `.` is an attribute
  # of something else.
  inWith = body: map (m: lib.splitString "." (elemAt m 1))
    (matches "(^|[^A-Za-z0-9_'.-])(${identifier}(\\.${identifier})*)" (head (lib.splitString ";" body)));

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
