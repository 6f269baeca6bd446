# Added (by `Target::explain_reads_expr`) only to evaluate once more a
# configuration whose evaluation failed with "attribute '…' missing": it
# gives every option path of NixOS that Nixpen does not declare a value
# that fails with a message naming it, so that a module reading such an
# option (`config.services.headscale.port`) while nothing defines it fails
# with that message rather than with "attribute 'headscale' missing".
#
# The values are definitions of the lowest priority, so a definition in the
# configuration wins over them (and is then read as usual). Nothing is added
# without the index of NixOS's options.
{ lib, options, ... }:

let
  index = import ../../lib/option-index.nix;

  inherit (builtins) isAttrs attrNames filter listToAttrs;

  # stubs indexNode declared path: definitions for the names of the index
  # node that the declared options (`declared`, a set of options and sets
  # of options) do not have.
  stubs = node: declared: path:
    listToAttrs (builtins.concatMap (name:
      let sub = node.${name}; here = path ++ [ name ]; in
      if declared ? ${name} then
        (if isAttrs sub && !(lib.isOption declared.${name}) then [ { inherit name; value = stubs sub declared.${name} here; } ] else [ ])
      else [ { inherit name; value = lib.mkOverride 1600 (throw (message here)); } ]
    ) (filter (n: n != "*") (attrNames node)));

  message = path:
    "${lib.showOption path} is a NixOS option (or the prefix of NixOS options) that Nixpen does not model, "
    + "and nothing in this configuration defines it: its value (NixOS's default) is not known here. "
    + "Define it, or avoid reading it.";
in
{
  _file = "nixpen-unmodelled-reads";
  config = if index == null then { } else stubs index.tree options [ ];
}
