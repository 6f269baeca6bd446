[ 1.5 0.25 100.0 1.0e10 3.14159 (1.0 / 3) (builtins.ceil 2.3) (builtins.floor (-2.3)) ]
