[ (builtins.seq 1 2) (builtins.deepSeq { a.b = 1; } "ok") (let x = { y = throw "lazy"; z = 1; }; in x.z) ]
