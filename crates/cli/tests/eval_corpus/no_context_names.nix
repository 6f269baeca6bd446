# Names, versions and regular expressions must not refer to store paths.
builtins.parseDrvName (derivation { name = "fz"; system = "x86_64-linux"; builder = "/bin/sh"; }).drvPath
