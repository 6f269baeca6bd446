# Nixpen's own view of an evaluation, set by nixos/lib/eval-config.nix and
# read by the render (system/build.nix): which imported files were not
# there. Internal: not a NixOS option.
{ lib, ... }:

{
  options.nixpen.missingImports = lib.mkOption {
    type = lib.types.listOf (lib.types.attrsOf lib.types.str);
    internal = true;
    default = [ ];
    description = ''
      Files imported as modules that do not exist, each
      `{ file; importedBy; }`: the module system took each for an empty
      module (see lib/modules.nix).
    '';
  };
}
