# `import <nixpkgs> { system = …; }`: Nixpen's package set (see pkgs/).
import ./pkgs
