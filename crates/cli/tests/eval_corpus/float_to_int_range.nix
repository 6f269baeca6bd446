# cppnix-2.8-differs: float-to-int-range
builtins.floor 1.0e20
