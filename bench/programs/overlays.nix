# A package set in nixpkgs' style: callPackage (functionArgs and
# intersectAttrs), makeScope-like fixed points extended by overlays
# (lib.extends, composeManyExtensions), overrides and meta checks over
# 10,000 packages; the result lists what a release job would evaluate.
let
  lib = import <nixpkgs/lib>;
  inherit (lib) fix extends composeManyExtensions mod genAttrs attrNames filterAttrs mapAttrs;
  count = 10000;
  name = i: "p${toString i}";
  mkDerivation = { pname, version, buildInputs ? [ ], meta ? { } }: {
    inherit pname version buildInputs meta;
    name = "${pname}-${version}";
    type = "derivation";
    closure = builtins.length buildInputs + builtins.foldl' (a: d: a + d.depth) 0 buildInputs;
    depth = 1 + builtins.foldl' (a: d: if d.depth > a then d.depth else a) 0 buildInputs;
    override = f: mkDerivation ({ inherit pname version buildInputs meta; } // f { inherit pname version; });
  };
  package = i: args@{ mkDerivation, ... }: mkDerivation {
    pname = name i;
    version = "1.${toString (mod i 10)}";
    buildInputs = lib.attrValues (builtins.removeAttrs args [ "mkDerivation" ]);
    meta = { license = if mod i 13 == 0 then "unfree" else "mit"; platforms = [ "x86_64-linux" ]; };
  };
  # Each package takes two earlier ones, by name, as function arguments.
  withArgs = i: let deps = if i < 2 then [ ] else [ (name (i / 2)) (name (i - 1)) ]; in
    lib.setFunctionArgs (package i) (genAttrs ([ "mkDerivation" ] ++ deps) (_: false));
  callPackageWith = scope: f: extra: f (builtins.intersectAttrs (lib.functionArgs f) scope // extra);
  base = self: { inherit mkDerivation; } // builtins.listToAttrs (builtins.genList (i: {
    name = name i;
    value = callPackageWith self (withArgs i) { };
  }) count);
  overlay = k: final: prev: builtins.listToAttrs (builtins.genList (j: let i = j * 20 + k; in {
    name = name i;
    value = prev.${name i}.override (old: { version = "${old.version}.${toString k}"; });
  }) (count / 20));
  pkgs = fix (extends (composeManyExtensions (builtins.genList overlay 20)) base);
  packages = filterAttrs (n: v: v ? type && v.type == "derivation") pkgs;
  free = filterAttrs (n: v: v.meta.license != "unfree") packages;
  jobs = mapAttrs (n: v: { inherit (v) name; closure = v.closure; }) free;
in {
  count = builtins.length (attrNames packages);
  free = builtins.length (attrNames jobs);
  deepest = builtins.foldl' (a: n: if pkgs.${n}.depth > a then pkgs.${n}.depth else a) 0 (attrNames packages);
  closure = builtins.foldl' (a: n: a + lib.mod jobs.${n}.closure 1000) 0 (attrNames jobs);
  versions = map (n: pkgs.${n}.version) [ "p0" "p21" "p9999" ];
}
