# toXML escapes newlines in attribute values, not tabs or carriage returns.
builtins.toXML "a\tb\rc\nd"
