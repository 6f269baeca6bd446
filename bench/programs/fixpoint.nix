# Lazy fixpoints: an overlay-style package set of 50,000 entries in 10 layers,
# each entry depending on entry i/2 through `final`; all entries are forced.
let
  fix = f: let x = f x; in x;
  extends = overlay: f: final: let prev = f final; in prev // overlay final prev;
  size = 50000;
  base = final: builtins.listToAttrs (builtins.genList (i: {
    name = "p${toString i}";
    value = if i == 0 then 1 else final."p${toString (i / 2)}" + 1;
  }) size);
  layer = k: final: prev: builtins.listToAttrs (builtins.genList (i: {
    name = "p${toString (i * 10 + k)}";
    value = prev."p${toString (i * 10 + k)}" + k;
  }) (size / 10));
  layers = builtins.genList layer 10;
  set = fix (builtins.foldl' (f: o: extends o f) base layers);
in builtins.foldl' (acc: name: acc + set.${name}) 0 (builtins.attrNames set)
