# The playground's summary of a flake's outputs (its "value" view), in the
# spirit of `nix flake show`: every output down to a leaf, and each leaf
# named in a few words instead of being evaluated whole.
outputs:
let
  inherit (builtins) head isAttrs isFunction isList length mapAttrs;

  describe = path: value:
    if isFunction value then
      (if head path == "nixosModule" || head path == "nixosModules" then "NixOS module" else "function")
    else if isAttrs value && (value.type or null) == "derivation" then "derivation '${value.name}'"
    else if isAttrs value && value ? config && value ? options then "NixOS configuration"
    else null;

  walk = path: value:
    let described = describe path value; in
    if described != null then described
    else if isAttrs value then
      (if length path >= 3 then "attribute set" else mapAttrs (name: walk (path ++ [ name ])) value)
    else if isList value then "list of ${toString (length value)} elements"
    else value;
in
mapAttrs (name: walk [ name ]) outputs
