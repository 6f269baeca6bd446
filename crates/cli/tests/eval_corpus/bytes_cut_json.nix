# cppnix-2.8-differs: json-invalid-utf8
# A string whose bytes are not UTF-8 cannot be JSON (2.8 wrote the bytes as they are).
builtins.toJSON (builtins.substring 0 2 "􏿿")
