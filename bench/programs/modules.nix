# The module system: evalModules over 40 modules declaring 12 options each
# (480 options of int, str, bool, list, attrs and submodule types), every
# module defining options of its neighbour with mkIf, mkDefault and mkMerge.
let
  lib = import <nixpkgs/lib>;
  inherit (lib) mkOption types mkIf mkDefault mkMerge;
  moduleCount = 40;
  name = m: "m${toString m}";
  itemType = types.submodule {
    options.port = mkOption { type = types.port; default = 80; };
    options.tags = mkOption { type = types.listOf types.str; default = [ ]; };
  };
  optionsOf = m: {
    enable = mkOption { type = types.bool; default = false; };
    count = mkOption { type = types.int; default = m; };
    label = mkOption { type = types.str; default = "module ${toString m}"; };
    port = mkOption { type = types.port; default = 1000 + m; };
    ratio = mkOption { type = types.either types.int types.str; default = 1; };
    level = mkOption { type = types.enum [ "low" "mid" "high" ]; default = "low"; };
    names = mkOption { type = types.listOf types.str; default = [ ]; };
    env = mkOption { type = types.attrsOf types.str; default = { }; };
    lines = mkOption { type = types.lines; default = ""; };
    weights = mkOption { type = types.attrsOf types.int; default = { }; };
    maybe = mkOption { type = types.nullOr types.str; default = null; };
    items = mkOption { type = types.attrsOf itemType; default = { }; };
  };
  module = m: { config, ... }: let next = config.bench.${name (lib.mod (m + 1) moduleCount)}; in {
    options.bench.${name m} = optionsOf m;
    config.bench.${name (lib.mod (m + 1) moduleCount)} = mkMerge [
      { names = [ "from-${name m}" ]; env.${name m} = "set"; weights.${name m} = m; lines = "line ${toString m}"; }
      (mkIf (lib.mod m 2 == 0) { enable = true; level = mkDefault "mid"; })
      { items.${name m} = { port = 2000 + m; tags = [ (name m) ]; }; }
    ];
  };
  evaluated = lib.evalModules { modules = builtins.genList module moduleCount; };
  summary = lib.mapAttrs (n: c: {
    inherit (c) enable count label port level maybe;
    names = builtins.length c.names;
    env = builtins.attrNames c.env;
    weights = lib.foldl' (a: b: a + b) 0 (builtins.attrValues c.weights);
    lines = builtins.stringLength c.lines;
    items = lib.mapAttrs (_: i: i.port + builtins.length i.tags) c.items;
  }) evaluated.config.bench;
in builtins.deepSeq summary (builtins.length (builtins.attrNames summary)) + builtins.foldl' (a: n: a + summary.${n}.port + summary.${n}.weights) 0 (builtins.attrNames summary)
