let d = derivation { name = "c"; system = "x86_64-linux"; builder = "/bin/sh"; }; in builtins.attrNames (builtins.getContext (builtins.concatStringsSep " " [ "${d}" "${d.drvPath}" "plain" ]))
