# `import <nixpkgs/nixos> { configuration = …; }`: a NixOS system from one
# configuration (a module, a list of modules, or a path to one), like
# nixpkgs' nixos/default.nix. Returns { config, options, pkgs, system, … }.
{ configuration
, system ? "x86_64-linux"
}:

let
  eval = import ./lib/eval-config.nix {
    inherit system;
    modules = if builtins.isList configuration then configuration else [ configuration ];
  };
in
{
  inherit (eval) config options pkgs extendModules type;
  system = eval.config.system.build.toplevel or null;
  nixpen = eval.config.system.build.nixpen;
}
