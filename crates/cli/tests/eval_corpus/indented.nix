let x = "X"; in ''
    line one ${x}
      nested
    ''${not interpolated} '''quotes'''
    tab''\t end
  ''
