# A builtin cannot be JSON, and the error names it.
[ builtins.stringLength ]
