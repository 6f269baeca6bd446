# Real U+10FF80..U+10FFFF characters are bytes like any other (they once read as
# stand-ins of raw bytes), and raw bytes joined again make their character.
[
  (builtins.stringLength "􏿿")
  (builtins.toJSON "􏾀 􏿿")
  ((builtins.substring 0 1 "é") + (builtins.substring 1 1 "é") == "é")
  ({ "é" = 1; } ? ${(builtins.substring 0 1 "é") + (builtins.substring 1 1 "é")})
  (builtins.fromJSON "\"\\udbff\\udfff\"" == "􏿿")
  (builtins.substring 1 4 "x􏿿y")
  "􏿿"
  ((builtins.substring 0 2 "􏿿") + (builtins.substring 2 2 "􏿿"))
  (builtins.replaceStrings [ "􏿿" ] [ "!" ] "a􏿿b")
]
