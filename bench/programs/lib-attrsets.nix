# lib.attrsets as nixpkgs uses it: mapAttrs', filterAttrs, foldlAttrs,
# genAttrs, recursiveUpdate, zipAttrsWith, mapAttrsToList, attrNames and
# listToAttrs round trips, foldl' over a set of 20,000 names, and a deep
# chain of `//` updates (a package set patched 300 times).
let
  lib = import <nixpkgs/lib>;
  inherit (lib) mapAttrs' nameValuePair filterAttrs foldlAttrs genAttrs recursiveUpdate
    zipAttrsWith mapAttrsToList attrValues attrNames listToAttrs mod;
  n = 20000;
  names = builtins.genList (i: "pkg${toString i}") n;
  base = genAttrs names (name: { inherit name; size = builtins.stringLength name; deps = [ ]; });
  renamed = mapAttrs' (name: v: nameValuePair "lib${name}" (v // { size = v.size + 1; })) base;
  small = filterAttrs (name: v: mod v.size 3 == 0) renamed;
  total = foldlAttrs (acc: name: v: acc + v.size) 0 renamed;
  roundTrip = listToAttrs (map (name: { inherit name; value = small.${name}.size; }) (attrNames small));
  byFirst = builtins.foldl' (acc: name: acc + (if roundTrip ? ${name} then roundTrip.${name} else 1)) 0 (attrNames renamed);
  zipped = zipAttrsWith (name: values: builtins.length values) [ base renamed base ];
  listed = mapAttrsToList (name: v: v.size) base;
  patches = builtins.genList (k: { "pkg${toString (k * 61)}" = { patched = k; }; "extra${toString k}" = k; }) 300;
  patched = builtins.foldl' (set: patch: set // patch) base patches;
  deep = builtins.foldl' (acc: k: recursiveUpdate acc { config.services."s${toString (mod k 50)}" = { enable = true; order = k; }; }) { } (lib.range 1 400);
  merged = builtins.foldl' (acc: v: acc // v) { } (map (name: { ${name} = 1; }) (lib.take 2000 names));
in {
  renamed = builtins.length (attrNames renamed);
  small = builtins.length (attrNames small);
  inherit total byFirst;
  zipped = zipped.pkg99;
  listed = builtins.foldl' (a: b: a + b) 0 listed;
  patched = [ (builtins.length (attrNames patched)) patched.pkg610.patched ];
  deep = deep.config.services.s7.order;
  merged = builtins.length (attrNames merged);
  values = builtins.length (attrValues base);
}
