# split walks matches as std::regex_iterator: an empty match may follow a non-empty one.
[
  (builtins.split "a*" "baac")
  (builtins.split ".*" "ab\nx")
  (builtins.split "x*" "ab")
  (builtins.split "" "ab")
  (builtins.split "(a)|b" "abab")
  (builtins.split "a|" "cab")
]
