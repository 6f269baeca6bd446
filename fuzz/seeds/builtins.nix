[
  (builtins.toJSON { a = [ 1 2.5 "s" null true ]; })
  (builtins.fromJSON ''{"a": [1, {"b": null}], "c": "\u00e9"}'')
  (builtins.match "([a-z]+)-([0-9.]+)" "foo-1.2")
  (builtins.split "(,)" "a,b,c")
  (builtins.sort builtins.lessThan [ 3 1 2 ])
  (builtins.genericClosure { startSet = [ { key = 1; } ]; operator = x: if x.key < 3 then [ { key = x.key + 1; } ] else [ ]; })
  (builtins.tryEval (throw "x"))
  (builtins.toFile "f" "text")
  (derivation { name = "d"; system = "x86_64-linux"; builder = "/bin/sh"; }).drvPath
  (builtins.fromTOML "a = 1\n[b]\nc = [1, 2]")
  (builtins.replaceStrings [ "a" ] [ "b" ] "aaa")
  (builtins.substring 1 2 "héllo")
  (builtins.hashString "sha256" "x")
  (import ./set.nix).a
  (builtins.readFile ./a.txt)
  (builtins.toXML { a = 1; })
  (builtins.mapAttrs (n: v: v) { x = 1; })
  (builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 10))
]
