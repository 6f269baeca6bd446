let k = "key"; in { ${k} = 1; "${k}2" = 2; ${if false then "x" else null} = 3; nested.${k}.x = 4; }
