let
  inherit (builtins) map filter;
  f = { a, b ? a + 1, ... }@args: a + b;
  r = rec { x = 1; y = x + 1; n.m = y; };
in with r; assert y == 2; {
  s = "a${toString x}b\n\t\${";
  i = ''
    line ''${x}
      ''\n${"y"} '''
  '';
  p = ./a.txt;
  l = map (v: v * 2) (filter (v: v > 0) [ 1 (-2) 3 ]);
  c = f { a = 1; };
  o = r.n.z or (throw "no");
  h = r ? n.m;
  u = -1.5e3 // { } // { z = null; };
}
