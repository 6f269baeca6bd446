# toFile forces its text as a string (Nix's forceString): null is not coerced.
builtins.toFile "f.txt" null
