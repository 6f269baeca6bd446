# The three outcomes of a definition Nixpen does not declare (collected by
# modules/misc/unknown-options.nix), decided when the system is rendered:
#   1. a NixOS option Nixpen does not model (by the index of NixOS's
#      options, option-index.nix): accepted, with a warning naming it and
#      the definition's file:line;
#   2. a likely typo of an option Nixpen declares (within two edits of a
#      sibling): NixOS's "does not exist" error, with NixOS's suggestions;
#   3. neither: NixOS's "does not exist" error.
# Without the index (the browser before it is fetched) a definition that
# is not a likely typo is accepted with a warning saying it is unchecked.
#
# Values are read (to list what a module's prefix holds, and to print a
# definition in the error as NixOS does) only here, once the configuration
# is complete, never while `config` is being built.
#
# { lib, options, index } -> definitions -> { unmodelled; warnings; error; }
# (`error` is the message of the first definition of outcome 2 or 3, or null).
{ lib, options, index, users ? { users = { }; } }:

let
  inherit (builtins) isAttrs length filter concatMap head attrNames elem;
  inherit (lib) showOption init last take sortOn;
  inherit (lib.strings) levenshtein levenshteinAtMost;

  # The names Nixpen declares beside the last name of `path`.
  declaredBeside = path:
    let names = attrNames (lib.attrByPath (init path) { } options); in
    if length path == 1 then filter (n: n != "_module") names else names;

  # NixOS's own names beside the last name of `path`, by the index.
  indexedBeside = path: if index == null then [ ] else index.namesAt (init path);

  # Whether the index lists every name beside the last of `path`.
  completeBeside = path: index != null && (index.find (init path)).kind == "namespace";

  # Declared names within two edits of the last name of `path`.
  closeDeclared = path:
    let wrong = last path; in
    filter (n: n != wrong && levenshteinAtMost 2 wrong n) (declaredBeside path);

  # A plain attribute set a module would define options in (not a
  # package, not a property such as mkIf).
  isPlainSet = v: isAttrs v && !(v ? _type) && !(lib.isDerivation v);

  # Where a definition is, as `file:line` (the file alone when its
  # position is unknown).
  place = def:
    let pos = def.nixpenPosition; in
    if pos != null then "${pos.file}:${toString pos.line}" else def.file;

  # One reported option: its path as text and where it was defined.
  entry = def: path: {
    option = showOption path;
    file = if def.nixpenPosition != null then def.nixpenPosition.file else def.file;
    line = if def.nixpenPosition != null then def.nixpenPosition.line else null;
    column = if def.nixpenPosition != null then def.nixpenPosition.column else null;
  };

  # The options a definition at `path` of `value` stands for: the names
  # one level down when `path` is a module's prefix (`services.caddy =
  # { enable = true; }` is `services.caddy.enable`), else `path`.
  reported = path: value: expand:
    if expand && isPlainSet value && value != { } then map (n: path ++ [ n ]) (attrNames value) else [ path ];

  # classify def path value: a list of { outcome; path; def; }, outcome
  # being "nixos", "unchecked" or "error". A set of NixOS options (such as
  # `boot.loader` when Nixpen declared nothing there) is looked into.
  classify = def: path: value:
    let
      found = if index == null then null else index.find path;
      kind = if found == null then "unindexed" else found.kind;
      at = outcome: paths: map (p: { inherit outcome def; path = p; }) paths;
    in
    if kind == "option" then at "nixos" [ path ]
    else if kind == "namespace" then
      (if isPlainSet value && value != { }
       then concatMap (n: classify def (path ++ [ n ]) value.${n}) (attrNames value)
       else at "nixos" [ path ])
    else if closeDeclared path != [ ] then at "error" [ path ]
    else if kind == "module" then at "nixos" (reported path value (found.at == length path))
    else if kind == "unindexed" then at "unchecked" (reported path value (length path <= 2))
    else at "error" [ path ];

  # NixOS's message for a definition of `path`, which does not exist.
  errorFor = item:
    let
      path = item.path;
      wrong = last path;
      candidates = lib.unique (declaredBeside path ++ indexedBeside path);
      distance = levenshtein wrong;
      suggestions =
        if length candidates < 100 && completeBeside path then take 3 (sortOn distance candidates)
        else take 3 (sortOn distance (filter (levenshteinAtMost 2 wrong) candidates));
      quote = s: "`${showOption (init path ++ [ s ])}'";
      suggestion =
        if suggestions == [ ] then ""
        else if length suggestions == 1 then "\n\nDid you mean ${quote (head suggestions)}?"
        else "\n\nDid you mean ${lib.concatStringsSep ", " (map quote (init suggestions))} or ${quote (last suggestions)}?";
      value = lib.attrByPath (lib.drop (length item.def.nixpenPrefix) path) null item.def.nixpenValue;
      defText = lib.options.showDefs [ { inherit (item.def) file; inherit value; } ];
    in
    "The option `${showOption path}' does not exist. Definition values:${defText}${suggestion}";

  warningFor = item:
    if item.outcome == "nixos" then
      "${showOption item.path}: a NixOS option Nixpen does not model; it does not change the rendered files (${place item.def})"
    else
      "${showOption item.path}: an option Nixpen does not model; whether NixOS has it is not checked (the index of NixOS's options is not loaded); it does not change the rendered files (${place item.def})";
  # The stand-ins of flake inputs Nixpen cannot fetch (home-manager,
  # nixos-hardware, …, flake/stand-in-inputs.nix) give modules that mark,
  # in `nixpen.foreignModules.<module>`, the prefixes of the options their
  # flake declares; definitions under those are that flake's options.
  isMarker = def: take 2 def.nixpenPrefix == [ "nixpen" "foreignModules" ];
  foreignModules = defs: concatMap (def:
    if length def.nixpenPrefix == 2 then lib.mapAttrsToList (name: m: m // { inherit name; }) def.nixpenValue
    else [ (def.nixpenValue // { name = lib.elemAt def.nixpenPrefix 2; }) ]
  ) (filter isMarker defs);

  # A definition under a foreign prefix `p` stands for the options one or
  # two names below `p` (`home-manager.useGlobalPkgs`, `home-manager.users.kim`).
  foreignItems = modules: def:
    let
      owner = lib.findFirst (m: builtins.any (p: take (length p) def.nixpenPrefix == p) m.prefixes) null modules;
      prefix = lib.findFirst (p: take (length p) def.nixpenPrefix == p) null owner.prefixes;
      below = depth: path: value:
        if length path < depth && isPlainSet value && value != { }
        then concatMap (n: below depth (path ++ [ n ]) value.${n}) (attrNames value)
        else [ path ];
    in
    if owner == null then null
    else map (path: { outcome = "foreign"; inherit def path; input = owner.input; })
      (below (length prefix + 2) def.nixpenPrefix def.nixpenValue);

  foreignWarning = item:
    "${showOption item.path}: an option of the flake input ${item.input}, which Nixpen cannot fetch and does not model; it does not change the rendered files (${place item.def})";
  moduleWarning = m:
    "${m.name}: a module of the flake input ${m.input}, which Nixpen cannot fetch; it stands in with "
    + (if m.prefixes == [ ] then "an empty module" else "the options of ${lib.concatMapStringsSep ", " showOption m.prefixes} accepted, unmodelled")
    + "; it does not change the rendered files";
in
allDefs:
let
  modules = foreignModules allDefs;
  defs = filter (def: !(isMarker def)) allDefs;
  items = concatMap (def:
    let foreign = if modules == [ ] then null else foreignItems modules def; in
    if foreign != null then foreign else classify def def.nixpenPrefix def.nixpenValue) defs;
  errors = filter (i: i.outcome == "error") items;
  accepted = filter (i: i.outcome != "error") items;
  serviceUsers = lib.unique (lib.concatMap (i:
    let n = lib.elemAt i.path 1; in
    if i.outcome == "nixos" && length i.path >= 2 && head i.path == "services" && (users.users ? ${n}) then [ n ] else [ ]) accepted);
in
{
  unmodelled = map (i: entry i.def i.path // { checked = i.outcome == "nixos"; }) accepted;
  warnings = map moduleWarning modules ++ map (i: if i.outcome == "foreign" then foreignWarning i else warningFor i) accepted
    ++ map (n: "users.users.${n}: its assertions are not checked: NixOS's services.${n} module, which Nixpen does not model, defines this user") serviceUsers;
  error = if errors == [ ] then null else errorFor (head errors);
  # The services Nixpen does not model that the configuration enables and
  # whose name it also gives a user (`users.users.jellyfin.extraGroups`
  # beside `services.jellyfin.enable`): NixOS's module of each would define
  # that user (system/build.nix leaves its assertions to it).
  inherit serviceUsers;
}
