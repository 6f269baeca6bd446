[ "tab\there" "quote \" and \\ backslash" "dollar \${x} brace" "newline\nend" ''indented
    more
  ''  ]
