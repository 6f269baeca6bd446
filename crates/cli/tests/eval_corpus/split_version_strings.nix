map builtins.splitVersion [ "1.0" "2.3.4-rc1" "unstable-2023-01-01" "" ]
