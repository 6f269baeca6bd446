# Configuration files as NixOS writes them: lib.generators.toINI,
# toKeyValue and toJSON over 2,000 sections, builtins.toJSON of the same
# data, and lib.concatMapAttrs / mapAttrsToList building shell exports.
let
  lib = import <nixpkgs/lib>;
  inherit (lib) generators mapAttrsToList concatStringsSep concatMapAttrs mod genAttrs;
  sections = genAttrs (builtins.genList (i: "section${toString i}") 2000) (s: {
    enabled = mod (builtins.stringLength s) 2 == 0;
    port = builtins.stringLength s * 100;
    path = "/var/lib/${s}";
    list = [ "a" "b" s ];
  });
  ini = generators.toINI { } (builtins.mapAttrs (_: v: builtins.removeAttrs v [ "list" ]) sections);
  kv = generators.toKeyValue { } (concatMapAttrs (s: v: { "${s}_port" = v.port; "${s}_path" = v.path; }) sections);
  json = builtins.toJSON sections;
  exports = concatStringsSep "\n" (mapAttrsToList (n: v: "export ${lib.toUpper n}=${lib.escapeShellArg v.path}") sections);
in {
  ini = builtins.hashString "sha256" ini;
  kv = builtins.stringLength kv;
  json = builtins.hashString "sha256" json;
  exports = builtins.stringLength exports;
}
