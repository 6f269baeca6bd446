map (a: builtins.hashString a "hello nixpen") [ "md5" "sha1" "sha256" "sha512" ]
