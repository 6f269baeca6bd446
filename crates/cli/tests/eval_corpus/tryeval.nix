[ (builtins.tryEval (throw "no")) (builtins.tryEval 1) (builtins.tryEval (assert false; 1)) ((builtins.tryEval (builtins.deepSeq [ (throw "deep") ] 1)).success) ]
