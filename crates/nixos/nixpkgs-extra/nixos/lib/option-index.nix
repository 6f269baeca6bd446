# The index of NixOS's option paths (../option-index.nix), when it is
# there: native builds embed it; the browser loads it with the rest of
# crates/nixos/nixpkgs-extra after the first outputs. Read only when a
# configuration defines something Nixpen does not declare.
#
# The index is a tree of names: `1` marks a declared option (what is below
# is its value), `0` the prefix of a module whose options are not listed,
# an attribute set the names below (with `"*" = 0` when the list is not
# complete: a module's prefix with some of its options listed).
#
# Returns null without the index, else { commit; tree; find; namesAt; }.
let
  file = ../option-index.nix;
in
if !builtins.pathExists file then null else
let
  index = import file;
  inherit (builtins) isAttrs length elemAt;

  # find path: where `path` (a list of names) falls in NixOS:
  # "option" (a declared option or inside one's value), "module" (inside
  # a module's prefix whose options are not all listed), "namespace" (a
  # set of NixOS options, such as `boot.loader`), or "absent" (no such
  # name; `at` is how many names matched).
  find = path:
    let
      go = node: i:
        if node == 1 then { kind = "option"; at = i; }
        else if node == 0 then { kind = "module"; at = i; }
        else if i == length path then { kind = if node ? "*" then "module" else "namespace"; at = i; }
        else
          let name = elemAt path i; in
          if node ? ${name} then go node.${name} (i + 1)
          else if node ? "*" then { kind = "module"; at = i; }
          else { kind = "absent"; at = i; };
    in
    go index.tree 0;

  # namesAt path: the names the index lists just below `path`.
  namesAt = path:
    let node = builtins.foldl' (n: name: if isAttrs n then n.${name} or { } else { }) index.tree path; in
    if isAttrs node then builtins.filter (n: n != "*") (builtins.attrNames node) else [ ];
in
{
  inherit (index) commit tree;
  inherit find namesAt;
}
