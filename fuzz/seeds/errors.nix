let x = x; in [ (builtins.seq x 1) (1 + "a") ({ a }: a) { } ]
