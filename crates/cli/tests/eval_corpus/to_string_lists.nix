# toString of lists: a space after every item but the last, except after an empty list.
[
  (toString [ null true false [ ] "a" [ 1 2 ] ])
  (toString [ [ ] [ ] 1 ])
  (toString [ 1 [ ] ])
  (toString [ [ ] ])
  (toString [ [ [ ] ] 2 ])
  (toString [ "a" [ [ ] [ ] ] "b" ])
  (toString [ null null ])
  "${toString [ 1.5 [ ] ./. ]}"
]
