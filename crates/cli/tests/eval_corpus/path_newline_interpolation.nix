# A relative path, a newline, then ${: a syntax error, not a panic in rnix.
ar/run/o
  ${if true then "a" else "b"}
