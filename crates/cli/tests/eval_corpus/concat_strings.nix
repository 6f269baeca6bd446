builtins.concatStringsSep "" (builtins.genList (i: builtins.substring i 1 "abcdefghij") 10)
