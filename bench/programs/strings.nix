# Strings: interpolation, replaceStrings and concatStringsSep over 20,000 items.
let
  n = 20000;
  items = builtins.genList (i: "item-${toString i}: value ${toString (i * 7)}") n;
  replaced = map (builtins.replaceStrings [ "item" "value" ":" ] [ "entry" "v" " =" ]) items;
  joined = builtins.concatStringsSep "\n" replaced;
  lines = builtins.concatStringsSep "" (map (s: "${s};\n") replaced);
in { length = builtins.stringLength joined + builtins.stringLength lines; head = builtins.substring 0 40 joined; }
