# builtins.sort with the comparators `sort` compares directly when both
# values are already evaluated (a < b, b < a, a > b, b > a), and with ones it
# must call (floats, lists, thunks forced during the sort).
let
  xs = [ 3 1 2 5 4 1 ];
  ss = [ "b" "a" "ab" "" "B" ];
  ys = builtins.genList (i: (i * 37) - (i / 7) * 7 * 37) 20;
in [
  (builtins.sort (a: b: a < b) xs)
  (builtins.sort (a: b: b < a) xs)
  (builtins.sort (a: b: a > b) xs)
  (builtins.sort (a: b: b > a) xs)
  (builtins.sort (a: b: a < b) ss)
  (builtins.sort (x: y: y < x) ss)
  (builtins.sort (a: b: a < b) ys)
  (builtins.sort (a: b: a < b) [ 1.5 1 2 0.5 ])
  (builtins.sort (a: b: a < b) [ [ 1 2 ] [ 1 ] [ 0 5 ] ])
  (builtins.sort (a: b: a.k < b.k) [ { k = 2; v = "x"; } { k = 1; v = "y"; } { k = 2; v = "z"; } ])
]
