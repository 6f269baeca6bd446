# builtins.toXML of derivations: attributes drvPath and outPath, the
# derivation's attributes once, then <repeated /> (no positions in toXML).
let
  d = derivation { name = "xml"; system = "x86_64-linux"; builder = "/bin/sh"; };
in
builtins.toXML { first = d; again = [ d ]; plain = { a = 1; }; }
