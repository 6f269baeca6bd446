# lib.lists as nixpkgs uses it: range, imap, zipListsWith, flatten, unique
# strings, groupBy, partition, count, findFirst, take/drop/sublist,
# reverseList, foldr, intersectLists/subtractLists and concatMap, over lists
# of a few thousand to 100,000 elements.
let
  lib = import <nixpkgs/lib>;
  inherit (lib) range imap0 imap1 zipListsWith flatten count findFirst take drop sublist
    reverseList foldr intersectLists subtractLists concatMap partition groupBy uniqueStrings
    optionals optional last init toList replicate mod;
  n = 100000;
  xs = range 1 n;
  pairs = zipListsWith (a: b: a * b) xs (reverseList xs);
  indexed = imap0 (i: x: i + x) xs;
  nested = map (i: [ i [ (i + 1) [ (i + 2) ] ] ]) (range 0 9999);
  flat = flatten nested;
  words = map (i: "w${toString (mod i 997)}") (range 0 29999);
  uniq = uniqueStrings words;
  groups = groupBy (w: builtins.substring 0 2 w) words;
  parts = partition (x: mod x 3 == 0) xs;
  evens = count (x: mod x 2 == 0) xs;
  found = findFirst (x: x * x > 2000000000) null xs;
  window = sublist 500 1000 (drop 100 (take 50000 xs));
  folded = foldr (x: acc: acc + x) 0 (range 1 3000);
  common = intersectLists (range 1 300) (range 200 2000);
  rest = subtractLists (range 1 300) (range 200 2000);
  expanded = concatMap (x: optionals (mod x 5 == 0) [ x (x + 1) ] ++ optional (mod x 7 == 0) x) xs;
  ones = imap1 (i: x: if i == x then 1 else 0) (toList xs);
in {
  pairs = builtins.foldl' (a: b: a + b) 0 pairs;
  indexed = last indexed;
  flat = builtins.length flat + last flat;
  unique = builtins.length uniq;
  groups = builtins.length (builtins.attrNames groups);
  parts = [ (builtins.length parts.right) (builtins.length parts.wrong) ];
  inherit evens found folded;
  window = [ (builtins.head window) (last window) (builtins.length (init window)) ];
  common = builtins.length common;
  rest = builtins.length rest;
  expanded = builtins.length expanded;
  ones = builtins.foldl' (a: b: a + b) 0 ones;
  replicated = builtins.length (replicate 1000 "x");
}
