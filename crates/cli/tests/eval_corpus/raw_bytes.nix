# Bytes that are not UTF-8 (Latin-1 text). Current Nix refuses them in JSON
# and Nix 2.8 does not, so only lengths and hashes are compared.
let
  text = builtins.readFile ./fixtures/latin1.txt;
  hash = builtins.hashString "sha256";
in
{
  length = builtins.stringLength text;
  text = hash text;
  head = hash (builtins.substring 0 4 text);
  cut = hash (builtins.substring 1 1 "é");
  joined = hash (builtins.substring 0 1 "é" + builtins.substring 1 1 "é");
}
