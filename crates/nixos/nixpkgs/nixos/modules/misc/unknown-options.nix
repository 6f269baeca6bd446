# Definitions of options Nixpen does not declare. NixOS has thousands of
# options and Nixpen models a few hundred, so such a definition is not
# fatal here: a freeform type takes every definition no declared option
# matches, keeps its value readable through `config` (merged as
# `types.anything` merges, when read), and lists the definitions in
# `config._module.nixpenUnknownDefinitions` (with their paths and
# positions). The render (system/build.nix) sorts them into the three
# outcomes of nixos/lib/unknown-options.nix: a NixOS option Nixpen does not
# model (a warning), a typo of one it does, or no option at all (NixOS's
# "does not exist" error).
#
# Nothing here reads a definition's value while `config` is being built,
# so a value that uses `pkgs` or `config` cannot make `config` depend on
# itself; and a configuration without such definitions never calls this
# type (the module system checks first whether there are any).
{ lib, ... }:

let
  inherit (builtins) foldl' attrValues head toJSON;

  # NixOS's defaults of options Nixpen does not model (../../option-defaults.nix,
  # loaded later in the browser), readable below a module's prefix that the
  # configuration defines (`services.tailscale.port`).
  defaults = if builtins.pathExists ../../option-defaults.nix then import ../../option-defaults.nix else { };

  # The value of the definitions `defs` found at `path`, merged when read.
  mergedAt = path: defs:
    let
      merged = (lib.modules.mergeDefinitions path lib.types.anything
        (map (def: { inherit (def) file; value = def.nixpenValue; }) defs)).mergedValue;
      given = lib.attrByPath path { } defaults;
    in
    if given != { } && builtins.isAttrs merged then lib.recursiveUpdate given merged else merged;

  unknownOptionType = lib.mkOptionType {
    name = "nixpenUndeclaredOptions";
    description = "option Nixpen does not declare";
    check = _: true;
    # Every definition under one path is found at the same path (the first
    # name the declared options do not have), so the groups' paths never
    # nest and the tree is built without reading any value.
    merge = loc: defs:
      let
        groups = attrValues (builtins.groupBy (def: toJSON def.nixpenPrefix) defs);
        tree = foldl' (acc: group:
          lib.recursiveUpdate acc (lib.setAttrByPath (head group).nixpenPrefix (mergedAt (head group).nixpenPrefix group))
        ) { } groups;
      in
      lib.recursiveUpdate tree { _module.nixpenUnknownDefinitions = defs; };
  };
in
{
  config._module.freeformType = unknownOptionType;
}
