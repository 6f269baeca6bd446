builtins.fromTOML ''
  name = "x"
  num = 3
  [table]
  list = [1, 2]
  inner.key = true
''
