# Nixpen's own view of an evaluation, set by nixos/lib/eval-config.nix (and
# the flake's nixosSystem): which imported files were not there, and which
# files are the configuration's own. Internal: not NixOS options.
{ lib, ... }:

{
  options.nixpen.sourceFiles = lib.mkOption {
    type = lib.types.listOf lib.types.str;
    internal = true;
    default = [ ];
    description = ''
      The configuration's own files (the modules it imports, and a flake's
      flake.nix), whose text names the packages `pkgs` gets stand-ins for.
    '';
  };

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
