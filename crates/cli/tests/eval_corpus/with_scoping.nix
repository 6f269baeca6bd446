let x = "lexical"; in with { x = "with"; y = "only-with"; }; [ x y ]
