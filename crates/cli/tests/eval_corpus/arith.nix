[ (1 + 2 * 3) (7 / 2) (-7 / 2) (7.0 / 2) (1 - 5) (2 * 1.5) (builtins.div 9 4) (builtins.sub 3 10) ]
