rec { a = 1; b = a + 1; c = let a = 10; in a + b; d = { inherit a b; }; }
