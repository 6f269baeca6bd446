let xs = builtins.genList (i: if i == 3 then throw "never forced" else i) 5; in [ (builtins.length xs) (builtins.elemAt xs 4) ({ a = throw "x"; b = 2; }.b) (builtins.attrNames { a = throw "y"; }) ]
