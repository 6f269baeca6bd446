# A dynamic attribute name must not refer to a store path.
{ ${builtins.toFile "n" "x"} = 1; }
