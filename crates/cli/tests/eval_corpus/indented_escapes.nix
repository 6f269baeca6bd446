# Indented strings with escapes: a line starts again after ''\n, escapes and
# interpolations end the indentation, escaped spaces can be stripped.
[
  ''
    a''\n  b
  ''
  ''
      a
    ''\n''\   b
  ''
  ''
      ''$a
    b''
  ''
    ${"x"}
      b''
  ''a'''b''\tc''
  ''
    x
      ''\n      y
  ''
  ''  
    a
     ''
  ''''
  ''
    ''\ 
  ''
]
