[ (builtins.toString 123456789012) (builtins.fromJSON "1e3") (builtins.fromJSON "-0.5") (builtins.toJSON 0.1) (builtins.toJSON 1.0e-5) ]
