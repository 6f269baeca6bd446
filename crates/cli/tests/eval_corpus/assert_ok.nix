let x = 3; in assert x > 2; assert builtins.isInt x; x * 2
