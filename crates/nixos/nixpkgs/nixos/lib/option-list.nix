# optionList { lib, options, config }: the visible options of a NixOS
# evaluation as a list of plain values for an options form:
# { name; loc; type; description; default; example; readOnly;
#   declarations; value; } where `default`/`example` are the text NixOS
# documentation shows, `declarations` the files declaring the option, and
# `value` the option's value made printable (null when it has none or
# it fails; derivations become their store path, functions "<function>").
{ lib, options, config }:

let
  inherit (builtins) tryEval isFunction isAttrs isList deepSeq;

  # printable v: `v` with what JSON cannot show replaced.
  printable = depth: v:
    if depth > 6 then "…"
    else if isFunction v then "<function>"
    else if isAttrs v then
      (if v ? outPath && (v.type or null) == "derivation" then v.outPath
       else if v ? outPath then toString v.outPath
       else lib.mapAttrs (_: printable (depth + 1)) v)
    else if isList v then map (printable (depth + 1)) v
    else if builtins.isPath v then toString v
    else v;

  # Options whose value is the evaluation itself (module arguments, the
  # build results): not shown, they would recurse or be huge.
  opaque = loc: lib.take 2 loc == [ "system" "build" ] || builtins.head loc == "_module";

  valueOf = loc:
    let
      attempt = tryEval (let v = printable 0 (lib.attrByPath loc null config); in deepSeq v v);
    in
    if builtins.elem "<name>" loc || builtins.elem "*" loc || opaque loc then null
    else if attempt.success then attempt.value else null;

  docs = builtins.filter (o: !o.internal && o.visible == true) (lib.optionAttrSetToDocList options);
in
map (o: {
  inherit (o) name loc type description readOnly declarations;
  default = o.default.text or null;
  example = o.example.text or null;
  value = valueOf o.loc;
}) docs
