# Attribute sets: listToAttrs, mapAttrs, // and lookups over 50,000 entries.
let
  n = 50000;
  names = builtins.genList (i: "key${toString i}") n;
  base = builtins.listToAttrs (map (name: { inherit name; value = builtins.stringLength name; }) names);
  doubled = builtins.mapAttrs (name: value: value * 2) base;
  merged = base // doubled // { extra = 1; };
  sum = builtins.foldl' (acc: name: acc + merged.${name}) 0 names;
in { inherit sum; count = builtins.length (builtins.attrNames merged); hasLast = merged ? key49999; }
