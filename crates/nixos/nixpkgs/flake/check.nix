# `import <nixpkgs/flake/check.nix> { src = ./folder; }`: the warnings
# `nix flake check` gives for the flake in `src` (deprecated outputs).
args:

let
  flake = import ./default.nix args;

  deprecated = {
    defaultPackage = "packages.<system>.default";
    defaultApp = "apps.<system>.default";
    defaultTemplate = "templates.default";
    defaultBundler = "bundlers.<system>.default";
    devShell = "devShells.<system>.default";
    nixosModule = "nixosModules.default";
    overlay = "overlays.default";
  };
in
{
  warnings = map (name: "flake output attribute '${name}' is deprecated; use '${deprecated.${name}}' instead")
    (builtins.filter (name: flake.outputs ? ${name}) (builtins.attrNames deprecated));
}
