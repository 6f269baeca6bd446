# fromJSON: a repeated key keeps its last value.
[
  (builtins.fromJSON ''{"a": 1, "a": 2}'')
  (builtins.fromJSON ''{"b": {"c": 1}, "a": 0, "b": {"d": 2}}'')
  (builtins.fromJSON ''{"x": [1], "y": null, "x": "last"}'')
]
