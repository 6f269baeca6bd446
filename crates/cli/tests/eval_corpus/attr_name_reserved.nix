# cppnix-2.8-differs: reserved-names-quoted
# `in`, `rec` and `inherit` are printed quoted, as current Nix prints them.
{ "in" = 1; "rec" = 2; "inherit" = 3; "let" = 4; "with" = 5; }
