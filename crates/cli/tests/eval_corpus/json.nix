{ to = builtins.toJSON { a = [ 1 2.5 "x\ny" true null ]; b = { c = "\u00e9"; }; }; from = builtins.fromJSON ''{"a": [1, 2.5, "s", null, false], "b": {"c": -3}}''; }
