# cppnix-2.8-differs: float-to-int-range
builtins.ceil 9007199254740993
