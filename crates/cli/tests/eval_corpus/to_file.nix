[ (builtins.toFile "greeting" "hello") (builtins.toFile "script.sh" "echo ${./fixtures/data.txt}") ]
