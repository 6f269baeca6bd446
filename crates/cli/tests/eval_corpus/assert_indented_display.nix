# An indented string is shown with one string per token of Nix's lexer (escapes apart).
assert ''
  a''$b
    '''c${"d"}$''
  ? x; 0
