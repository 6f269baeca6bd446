# Evaluates a NixOS configuration, like nixpkgs' nixos/lib/eval-config.nix:
# the modules given plus Nixpen's NixOS modules, through lib.evalModules.
# Used by `nixos/default.nix` and by the flake's `lib.nixosSystem`.
# Returns { config, options, pkgs, extendModules, type, _module, … }.
{ system ? "x86_64-linux"
, modules
, specialArgs ? { }
, extraModules ? [ ]
, baseModules ? import ../modules/module-list.nix
, prefix ? [ ]
, lib ? import ../../lib
, pkgs ? null
, check ? true
, ...
}:

let
  # Sets the platform and, when given, the package set.
  platformModule = {
    _file = ./eval-config.nix;
    key = ./eval-config.nix;
    config = lib.mkMerge (
      lib.optional (system != null) { nixpkgs.system = lib.mkDefault system; }
      ++ lib.optional (pkgs != null) { _module.args.pkgs = lib.mkForce pkgs; }
    );
  };

  # What the module graph says of the configuration's files: which are its
  # own (graph-files.nix, loaded later in the browser).
  graphFiles = if builtins.pathExists ./graph-files.nix then import ./graph-files.nix { inherit lib; } else _: { };

  # Modules imported only when the configuration defines their options
  # (../modules/lazy-module-list.nix, loaded later in the browser).
  lazy = if builtins.pathExists ../modules/lazy-module-list.nix then import ../modules/lazy-module-list.nix { inherit lib; } else null;

  # evaluate userModules: the module system's result for these user
  # modules, and the lazily imported modules their definitions call for.
  evaluate = userModules:
    let
      first = evaluateWith userModules;
      needed = if lazy == null then [ ] else lazy.needed (first._module.nixpenUnknownDefinitions or [ ]);
    in
    if needed == [ ] then first else evaluateWith (userModules ++ needed);

  evaluateWith = userModules:
    let
      result = lib.evalModules {
        inherit prefix;
        modules = baseModules ++ [ platformModule ] ++ extraModules ++ userModules ++ [
          {
            _module.args = {
              inherit baseModules extraModules;
              modules = userModules;
            };
            nixpen = graphFiles result.graph;
          }
        ];
        specialArgs = { modulesPath = toString ../modules; } // specialArgs;
      };
    in
    result // {
      type = lib.types.submoduleWith { modules = baseModules ++ [ platformModule ] ++ extraModules ++ userModules; inherit specialArgs; };
      pkgs = result.config._module.args.pkgs;
      # extendModules { modules }: the same configuration with more modules.
      extendModules = { modules ? [ ], specialArgs ? { }, prefix ? [ ] }:
        evaluate (userModules ++ modules);
    };
in
evaluate modules
