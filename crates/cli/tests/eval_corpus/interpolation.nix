let a = "A"; n = 3; in [ "${a}-${toString n}" "${a}${a}" "x${"y${"z"}"}" ]
