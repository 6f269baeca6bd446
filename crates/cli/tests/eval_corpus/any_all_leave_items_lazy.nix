# any and all hand each item to the predicate unforced (partition forces it).
[ (builtins.any (x: true) [ (throw "any forced") ]) (builtins.all (x: true) [ (throw "all forced") ]) ]
