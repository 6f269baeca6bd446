builtins.toXML { a = 1; b = [ "x" true null ]; c = { d = 1.5; }; }
