# An empty list or set is an element opened and closed, as Nix's XMLWriter writes it.
builtins.toXML [ [ ] { } { a = [ ]; } ]
