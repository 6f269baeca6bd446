# Unknown options fail as in NixOS ("The option `…' does not exist"), with
# a note that Nixpen models a subset of NixOS. Done with a freeform type
# for the top level: the module system hands it every definition that no
# declared option matches, and its merge reports the first one.
{ lib, options, ... }:

let
  inherit (builtins) attrNames filter head isAttrs length;

  note = ''


    Note: Nixpen models a subset of NixOS. If this option exists in NixOS, it may not be modelled yet; the supported options are listed in docs/supported-options.md.'';

  isOption = v: isAttrs v && (v._type or null) == "option";

  # unknownPath declared value: the path (a list of names) to the first
  # place in `value` that `declared` (an option tree) does not declare.
  unknownPath = declared: value:
    let
      names = attrNames value;
      missing = filter (n: !(declared ? ${n})) names;
      nested = filter (n: declared ? ${n} && !(isOption declared.${n}) && isAttrs value.${n}) names;
    in
    if missing != [ ] then [ (head missing) ]
    else if nested != [ ] then [ (head nested) ] ++ unknownPath declared.${head nested} value.${head nested}
    else [ ];

  # Shows definitions as the module system does in its error messages.
  showDefs = lib.options.showDefs or (defs:
    lib.concatMapStrings (def: "\n- In `${def.file}': ${builtins.toJSON def.value}") defs);

  unknownOptionType = lib.mkOptionType {
    name = "nixpenDeclaredOptionsOnly";
    description = "declared NixOS option";
    check = _: true;
    merge = loc: defs:
      let
        def = head defs;
        path = unknownPath options def.value;
        value = lib.attrByPath path null def.value;
      in
      throw "The option `${lib.showOption (loc ++ path)}' does not exist. Definition values:${showDefs [ { inherit (def) file; inherit value; } ]}${note}";
  };
in
{
  config._module.freeformType = unknownOptionType;
}
