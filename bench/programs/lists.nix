# Lists: genList, map, filter, foldl' and sort over 100,000 elements.
let
  n = 100000;
  xs = builtins.genList (i: (i * 7919) - (i / 13) * 13 * 7919) n;
  evens = builtins.filter (x: x / 2 * 2 == x) xs;
  sorted = builtins.sort (a: b: a < b) xs;
  sum = builtins.foldl' (a: b: a + b) 0 (map (x: x + 1) xs);
in { inherit sum; evens = builtins.length evens; first = builtins.head sorted; last = builtins.elemAt sorted (n - 1); }
