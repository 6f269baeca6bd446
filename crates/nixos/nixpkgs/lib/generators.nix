# Turning Nix values into configuration file formats and readable text.
{ lib }:
let
  inherit (builtins) isInt isFloat isString isBool isList isAttrs isPath toJSON toString
    concatStringsSep length filter split elem mapAttrs attrNames concatLists replaceStrings addErrorContext;
  inherit (lib.trivial) isFunction functionArgs;
  inherit (lib.attrsets) mapAttrsToList isDerivation;
  inherit (lib.strings) escape escapeNixIdentifier concatMapStringsSep concatStrings;
in
rec {
  /** Render a scalar the way most key=value formats expect; lists, sets and
      functions abort. Example: `mkValueStringDefault { } true` => `"true"` */
  mkValueStringDefault = { }: v:
    let err = what: v: abort ("generators.mkValueStringDefault: " + "${what} not supported: ${toPretty { } v}"); in
    if isInt v then toString v
    else if isDerivation v then toString v
    else if isString v then v
    else if true == v then "true"
    else if false == v then "false"
    else if null == v then "null"
    else if isList v then err "lists" v
    else if isAttrs v then err "attrsets" v
    else if isFunction v then err "functions" v
    else if isFloat v then lib.strings.floatToString v
    else err "this value is" (toString v);

  /** `key<sep>value` with `sep` escaped in the key.
      Example: `mkKeyValueDefault { } "=" "a" 1` => `"a=1"` */
  mkKeyValueDefault = { mkValueString ? mkValueStringDefault { } }: sep: k: v:
    "${escape [ sep ] k}${sep}${mkValueString v}";

  /** One `key=value` line per attribute (lists repeat the key when
      `listsAsDuplicateKeys`). Example: `toKeyValue { } { a = 1; }` => `"a=1\n"` */
  toKeyValue = { mkKeyValue ? mkKeyValueDefault { } "=", listsAsDuplicateKeys ? false, indent ? "" }: attrs:
    let
      line = k: v: indent + mkKeyValue k v + "\n";
      linesOf = if listsAsDuplicateKeys then k: v: map (line k) (if isList v then v else [ v ]) else k: v: [ (line k v) ];
    in concatStrings (concatLists (mapAttrsToList linesOf attrs));

  /** INI sections from an attrset of attrsets.
      Example: `toINI { } { main.a = 1; }` => `"[main]\na=1\n"` */
  toINI = { mkSectionName ? (name: escape [ "[" "]" ] name), mkKeyValue ? mkKeyValueDefault { } "=", listsAsDuplicateKeys ? false }: sections:
    concatStringsSep "\n" (mapAttrsToList (name: values:
      "[${mkSectionName name}]\n" + toKeyValue { inherit mkKeyValue listsAsDuplicateKeys; } values) sections);

  /** INI with key/values before the first section.
      Example: `toINIWithGlobalSection { } { globalSection.a = 1; }` => `"a=1\n\n"` */
  toINIWithGlobalSection = { mkSectionName ? (name: escape [ "[" "]" ] name), mkKeyValue ? mkKeyValueDefault { } "=", listsAsDuplicateKeys ? false }:
    { globalSection, sections ? { } }:
    (if globalSection == { } then "" else toKeyValue { inherit mkKeyValue listsAsDuplicateKeys; } globalSection + "\n")
    + toINI { inherit mkSectionName mkKeyValue listsAsDuplicateKeys; } sections;

  /** git-config syntax; nested sets become `[section "sub"]`.
      Example: `toGitINI { user.name = "me"; }` => `"[user]\n\tname = \"me\"\n"` */
  toGitINI = attrs:
    let
      sectionName = name:
        let parts = lib.strings.splitString "." name; in
        if lib.strings.hasInfix "\"" name || length parts == 1 then name
        else ''${builtins.head parts} "${concatStringsSep "." (builtins.tail parts)}"'';
      valueString = v:
        let esc = replaceStrings [ "\n" "\t" "\"" "\\" ] [ "\\n" "\\t" "\\\"" "\\\\" ]; in
        mkValueStringDefault { } (if isString v then ''"${esc v}"'' else v);
      keyValue = k: v:
        let one = v: "\t" + mkKeyValueDefault { mkValueString = valueString; } " = " k v; in
        if isList v then concatStringsSep "\n" (map one v) else one v;
      nonDrvAttrs = v: isAttrs v && !isDerivation v;
      flatten = path: value:
        if nonDrvAttrs value then builtins.concatMap (n: flatten ([ n ] ++ path) value.${n}) (attrNames value)
        else if length path > 1 then [ { ${concatStringsSep "." (lib.lists.reverseList (builtins.tail path))}.${builtins.head path} = value; } ]
        else [ { ${builtins.head path} = value; } ];
      toRewrite = filter (n: isAttrs attrs.${n} && builtins.any nonDrvAttrs (builtins.attrValues attrs.${n})) (attrNames attrs);
      flat = removeAttrs attrs toRewrite
        // lib.lists.foldl lib.attrsets.recursiveUpdate { } (flatten [ ] (lib.attrsets.genAttrs toRewrite (n: attrs.${n})));
    in toINI { mkKeyValue = keyValue; mkSectionName = sectionName; } flat;

  /** JSON text. Example: `toJSON { } { a = 1; }` => `"{\"a\":1}"` */
  toJSON = { }: builtins.toJSON;

  /** YAML text (JSON is valid YAML). Example: `toYAML { } [ 1 ]` => `"[1]"` */
  toYAML = { }: builtins.toJSON;

  /** Cut a value off below `depthLimit` levels, either throwing or showing `<unevaluated>`.
      Example: `withRecursion { depthLimit = 1; throwOnDepthLimit = false; } { a.b = 1; }` => `{ a = { b = "<unevaluated>"; }; }` */
  withRecursion = { depthLimit, throwOnDepthLimit ? true }:
    assert isInt depthLimit;
    let
      special = [ "__functor" "__functionArgs" "__toString" "__pretty" ];
      limit = depth:
        if depthLimit != null && depth > depthLimit then
          if throwOnDepthLimit then
            throw "Exceeded maximum eval-depth limit of ${toString depthLimit} while trying to evaluate with `generators.withRecursion'!"
          else _: "<unevaluated>"
        else x: x;
      walk = depth: v:
        let next = x: walk (depth + 1) (limit (depth + 1) x); in
        if isAttrs v then mapAttrs (name: if elem name special then (x: x) else next) v
        else if isList v then map next v
        else limit (depth + 1) v;
    in walk 0;

  /** Nix-like text for any value (functions and derivations summarised).
      Options: `multiline` (default true), `indent`, `allowPrettyValues`
      (use `v.__pretty v.val`). Example: `toPretty { } { a = [ 1 ]; }` => `"{\n  a = [\n    1\n  ];\n}"` */
  toPretty = { allowPrettyValues ? false, multiline ? true, indent ? "" }:
    let
      go = indent: v:
        let
          open = if multiline then "\n${indent}  " else " ";
          close = if multiline then "\n${indent}" else " ";
        in
        if isInt v then toString v
        else if isFloat v then builtins.toJSON v
        else if isString v then
          let
            lines = filter (l: !isList l) (split "\n" v);
            oneLine = "\"" + concatStringsSep "\\n" (map (escape [ "\\" "\"" "\${" ]) lines) + "\"";
            escaped = map (replaceStrings [ "\${" "''" ] [ "''\${" "'''" ]) lines;
            lastLine = lib.lists.last escaped;
            manyLines = "''" + open + concatStringsSep open (lib.lists.init escaped)
              + (if lastLine == "" then close else open + lastLine) + "''";
          in if multiline && length lines > 1 then manyLines else oneLine
        else if true == v then "true"
        else if false == v then "false"
        else if null == v then "null"
        else if isPath v then toString v
        else if isList v then
          if v == [ ] then "[ ]" else "[" + open + concatMapStringsSep open (go (indent + "  ")) v + close + "]"
        else if isFunction v then
          let
            args = functionArgs v;
            shown = concatStringsSep ", " (mapAttrsToList (n: hasDefault: if hasDefault then n + "?" else n) args);
          in if args == { } then "<function>" else "<function, args: {${shown}}>"
        else if isAttrs v then
          if allowPrettyValues && v ? __pretty && v ? val then v.__pretty v.val
          else if v == { } then "{ }"
          else if v ? type && v.type == "derivation" then "<derivation ${v.name or "???"}>"
          else "{" + open + concatStringsSep open (mapAttrsToList (name: value:
            "${escapeNixIdentifier name} = ${addErrorContext "while evaluating an attribute `${name}`" (go (indent + "  ") value)};") v)
            + close + "}"
        else abort "generators.toPretty: should never happen (v = ${v})";
    in go indent;

  /** Dhall source for a value. Example: `toDhall { } { a = 1; }` => `"{ a = +1 }"` */
  toDhall = { }: v:
    if isAttrs v then "{ " + concatStringsSep ", " (mapAttrsToList (n: x: "${n} = ${toDhall { } x}") v) + " }"
    else if isList v then "[ " + concatStringsSep ", " (map (toDhall { }) v) + " ]"
    else if isInt v then "${if v < 0 then "" else "+"}${toString v}"
    else if isBool v then (if v then "True" else "False")
    else if v == null then abort "generators.toDhall: cannot convert a null to Dhall"
    else builtins.toJSON v;

  /** Inline Lua code marker for `toLua`. Example: `mkLuaInline "vim.o"` */
  mkLuaInline = expr: { _type = "lua-inline"; inherit expr; };

  /** Lua source for a value. Example: `toLua { } { a = 1; }` => `"{\n  [\"a\"] = 1\n}"` */
  toLua = { multiline ? true, indent ? "", asBindings ? false }@args: v:
    let
      open = if multiline then "\n${indent}  " else " ";
      close = if multiline then "\n${indent}" else " ";
      inner = args // { indent = if asBindings then indent else indent + "  "; asBindings = false; };
      key = k: if builtins.match "[A-Za-z_][A-Za-z0-9_]*" k != null then k else "[${builtins.toJSON k}]";
    in
    if asBindings then concatStrings (mapAttrsToList (k: x: "${indent}${k} = ${toLua inner x}\n") v)
    else if v == null then "nil"
    else if isInt v || isFloat v || isString v || isBool v then builtins.toJSON v
    else if isPath v || isDerivation v then builtins.toJSON "${v}"
    else if isList v then (if v == [ ] then "{}" else "{${open}${concatStringsSep ",${open}" (map (toLua inner) v)}${close}}")
    else if isAttrs v then
      if v._type or null == "lua-inline" then "(${v.expr})"
      else if v == { } then "{}"
      else "{${open}${concatStringsSep ",${open}" (mapAttrsToList (k: x: "[${builtins.toJSON k}] = ${toLua inner x}") v)}${close}}"
    else abort "generators.toLua: type ${builtins.typeOf v} is unsupported";
}
