# Printed attribute names: `or` is no keyword, `if` is (2.8 and current Nix agree on these two).
{ "or" = 1; "if" = 2; "a b" = 3; "" = 4; "1x" = 5; x' = 6; foo-bar = 7; }
