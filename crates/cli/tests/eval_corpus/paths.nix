[ (./fixtures + "/data.txt") (builtins.baseNameOf ./fixtures/data.txt) (builtins.dirOf ./fixtures/data.txt) (builtins.baseNameOf "/a/b/") (builtins.dirOf "a/b") (toString ./fixtures/../fixtures) ]
