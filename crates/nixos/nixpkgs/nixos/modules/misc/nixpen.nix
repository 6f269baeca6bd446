# Nixpen's own view of an evaluation, set by nixos/lib/eval-config.nix (and
# the flake's nixosSystem): which imported files were not there, and which
# files are the configuration's own. Internal: not NixOS options.
{ lib, ... }:

{
  # The configuration's own files (the modules it imports, a flake's
  # flake.nix): their text names the packages `pkgs` gets stand-ins for.
  options.nixpen.sourceFiles = lib.mkOption {
    type = lib.types.listOf lib.types.str;
    internal = true;
    default = [ ];
  };

  # Files imported as modules that are not there, each { file; importedBy; }
  # (lib/modules.nix took each for an empty module).
  options.nixpen.missingImports = lib.mkOption {
    type = lib.types.listOf (lib.types.attrsOf lib.types.str);
    internal = true;
    default = [ ];
  };
}
