# Sorting as nixpkgs sorts: builtins.sort with the lessThan primop over
# 100,000 integers and 30,000 strings, with lambdas comparing attributes
# (package records by name, then by version), lib.sortOn, lib.naturalSort
# and a comparator built from a partially applied lib function.
let
  lib = import <nixpkgs/lib>;
  inherit (builtins) sort lessThan genList length elemAt head;
  scramble = i: (i * 7919 + 13) - ((i * 7919 + 13) / 100003) * 100003;
  ints = genList scramble 100000;
  names = genList (i: "pkg-${toString (scramble i)}") 30000;
  packages = genList (i: {
    pname = "p${toString (lib.mod (scramble i) 4000)}";
    version = "${toString (lib.mod i 7)}.${toString (lib.mod (scramble i) 13)}";
    priority = lib.mod (scramble i) 11;
  }) 20000;
  byInt = sort lessThan ints;
  byIntDown = sort (a: b: a > b) ints;
  byName = sort lessThan names;
  byPackage = sort (a: b: if a.pname == b.pname then lib.versionOlder a.version b.version else a.pname < b.pname) packages;
  byPriority = lib.sortOn (p: p.priority) packages;
  natural = lib.naturalSort (genList (i: "file${toString (lib.mod (scramble i) 500)}.txt") 3000);
  byCompare = sort (a: b: lib.compare a b < 0) (lib.take 20000 ints);
  sorted = l: less: lib.all (i: !(less (elemAt l (i + 1)) (elemAt l i))) (lib.range 0 (length l - 2));
in {
  ints = [ (head byInt) (lib.last byInt) (head byIntDown) (sorted byInt lessThan) ];
  names = [ (head byName) (lib.last byName) ];
  packages = map (p: "${p.pname}-${p.version}") (lib.take 5 byPackage);
  priorities = map (p: p.priority) (lib.take 3 byPriority ++ lib.takeEnd 3 byPriority);
  natural = lib.take 4 natural;
  compared = elemAt byCompare 1000;
}
