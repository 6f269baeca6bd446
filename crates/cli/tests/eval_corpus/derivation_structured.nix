let d = derivation { name = "structured"; system = "x86_64-linux"; builder = "/bin/sh"; __structuredAttrs = true; list = [ 1 2 ]; nested = { a = "b"; }; }; in [ d.drvPath d.outPath ]
