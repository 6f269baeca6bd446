builtins.functionArgs 0
