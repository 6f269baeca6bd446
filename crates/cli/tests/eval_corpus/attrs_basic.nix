let s = { a = 1; b.c = 2; b.d = 3; "x y" = 4; }; in [ s (s // { a = 10; e = 5; }) (s ? b.c) (s ? b.z) (s.q or "dflt") (s.b.c) ]
