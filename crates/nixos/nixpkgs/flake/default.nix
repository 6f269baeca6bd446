# `import <nixpkgs/flake> { src = ./folder; }`: evaluates the flake.nix in
# folder `src` as Nix does and returns the flake (its outputs plus `self`'s
# source information). `src` may also be a file holding a flake under
# another name; its folder is then the flake's source. Inputs are resolved to built-in flakes (see
# builtin-inputs.nix); `follows` is honoured; an input Nixpen cannot
# provide is an error naming it.
{ src
, lastModified ? 0
, rev ? "0000000000000000000000000000000000000000"
, dirty ? true
}:

let
  lib = import ../lib;
  formatDate = import ./date.nix;
  # Whether `src` is a file (read from its folder's listing, which Nix
  # 2.8 has, unlike builtins.readFileType).
  srcIsFile = (builtins.readDir (dirOf src)).${baseNameOf src} or null == "regular";
  flakePath = if srcIsFile then src else src + "/flake.nix";
  sourceDir = if srcIsFile then dirOf src else src;
  builtinInputs = import ./builtin-inputs.nix { inherit lib formatDate unfetched; flakeFile = flakePath; };

  flake = import flakePath;
  where = "flake 'path:${toString sourceDir}'";

  allowedTopLevel = [ "description" "inputs" "outputs" "nixConfig" ];
  unsupported = builtins.filter (n: !(builtins.elem n allowedTopLevel)) (builtins.attrNames flake);

  checked =
    if !builtins.isAttrs flake then throw "file '${toString flakePath}' must be an attribute set"
    else if unsupported != [ ] then throw "${where} has an unsupported attribute '${builtins.head unsupported}'"
    else if !(flake ? outputs) then throw "${where} lacks attribute 'outputs'"
    else flake;

  declared = checked.inputs or { };

  # Inputs named only as arguments of `outputs` come from the registry.
  implicit = builtins.filter (n: n != "self" && !(declared ? ${n}))
    (builtins.attrNames (builtins.functionArgs checked.outputs));

  specs = declared // lib.genAttrs implicit (name: { });

  # The flake reference of an input spec.
  refOf = name: spec:
    if builtins.isString spec then spec
    else if spec ? url then spec.url
    else if (spec.type or null) == "github" then "github:${spec.owner}/${spec.repo}${lib.optionalString (spec ? ref) "/${spec.ref}"}"
    else if (spec.type or null) == "indirect" then "flake:${spec.id}"
    else "flake:${name}";

  # resolveInput name: the value of top-level input `name`.
  resolveInput = name:
    let spec = specs.${name}; in
    if builtins.isAttrs spec && spec ? follows then followPath spec.follows
    else if builtins.isAttrs spec && (spec.flake or true) == false then
      throw "input '${name}' of ${where} is a non-flake source ('${refOf name spec}'), which Nixpen cannot fetch; the playground only provides the flakes ${lib.concatStringsSep ", " builtinInputs.names}."
    else
      let value = resolved.${name}; in
      if value == null
      then throw "cannot fetch input '${name}' ('${refOf name spec}') of ${where}: the playground has no network access and only provides the flakes ${lib.concatStringsSep ", " builtinInputs.names} (any NixOS/nixpkgs reference, github:numtide/flake-utils, github:nix-systems/default)."
      else value;

  # followPath "a/b": input `b` of input `a` ("" is the flake itself).
  followPath = path:
    let parts = builtins.filter (p: p != "") (lib.splitString "/" path); in
    if parts == [ ] then self
    else builtins.foldl'
      (value: part: value.inputs.${part} or (throw "input '${path}' followed by ${where} does not exist"))
      (inputs.${builtins.head parts} or (throw "input '${path}' followed by ${where} does not exist"))
      (builtins.tail parts);

  inputs = lib.genAttrs (builtins.attrNames specs) resolveInput;

  # Inputs Nixpen cannot provide, { name; ref; }: each is an error where
  # it is used, so a configuration that does not use it still renders
  # (with a warning, see builtin-inputs.nix).
  unfetched = map (name: { inherit name; ref = refOf name specs.${name}; }) (builtins.filter (name:
    let spec = specs.${name}; in
    if builtins.isAttrs spec && spec ? follows then false
    else if builtins.isAttrs spec && (spec.flake or true) == false then true
    else resolved.${name} == null
  ) (builtins.attrNames specs));
  resolved = builtins.mapAttrs (name: spec: builtinInputs.resolve (refOf name spec)) specs;
  fetched = builtins.filter (name: !(builtins.any (u: u.name == name) unfetched)) (builtins.attrNames specs);

  shortRev = builtins.substring 0 7 rev;
  sourceInfo = {
    outPath = builtins.path { path = sourceDir; name = "source"; };
    inherit lastModified;
    lastModifiedDate = formatDate lastModified;
  } // (if dirty then {
    dirtyRev = "${rev}-dirty";
    dirtyShortRev = "${shortRev}-dirty";
  } else {
    inherit rev shortRev;
  });

  # Nix fetches every input before evaluating outputs: fail early (but for
  # those Nixpen cannot fetch).
  outputs = builtins.seq (builtins.deepSeq (map (n: builtins.isAttrs inputs.${n}) fetched) null)
    (checked.outputs (inputs // { inherit self; }));

  self = outputs // sourceInfo // {
    inherit inputs outputs sourceInfo;
    _type = "flake";
  };
in
self
