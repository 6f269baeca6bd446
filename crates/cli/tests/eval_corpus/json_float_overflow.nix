# A JSON number too large for a double is an error, as in Nix (nlohmann's parser).
builtins.fromJSON "1e400"
