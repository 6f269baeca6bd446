# One level of a NixOS configuration's `config`, for the playground's
# collapsible tree: the children of the value at `path`, each with its name
# and either how many children it has (a set or a list, opened on demand)
# or its value as Nix text (a leaf). A child that fails to evaluate (a
# `throw`, a failed assertion) is shown with its kind "error"; values are
# never evaluated deeper than what is shown.
{ config, path }:
let
  inherit (builtins) attrNames isAttrs isList isFunction length elemAt genList tryEval typeOf;
  lib = import <nixpkgs/lib>;

  # The value at `path` (list positions are numbers written as strings).
  at = value: name: if isList value then elemAt value (lib.toInt name) else value.${name};
  node = builtins.foldl' at config path;

  maxText = 4000;
  clip = text: if builtins.stringLength text > maxText then builtins.substring 0 maxText text + " …" else text;

  child = name: value:
    let r = tryEval value; v = r.value; in
    if !r.success then { inherit name; kind = "error"; count = 0; text = "«error: this value cannot be evaluated»"; }
    else if isAttrs v && (v.type or null) == "derivation" then
      { inherit name; kind = "leaf"; count = 0; text = "«derivation ${(tryEval (v.name or "?")).value or "?"}»"; }
    else if isAttrs v then { inherit name; kind = "attrs"; count = length (attrNames v); text = ""; }
    else if isList v then { inherit name; kind = "list"; count = length v; text = ""; }
    else if isFunction v then { inherit name; kind = "leaf"; count = 0; text = "«lambda»"; }
    else { inherit name; kind = "leaf"; count = 0; text = clip (lib.nixpen.toText v); };
in
if isAttrs node then map (name: child name node.${name}) (attrNames node)
else if isList node then genList (i: child (toString i) (elemAt node i)) (length node)
else throw "${lib.concatStringsSep "." path} is a ${typeOf node}, not a set or a list"
