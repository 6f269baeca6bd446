# Declaring options and the helpers that print them and merge simple values.
{ lib }:
let
  inherit (builtins) length head tail isAttrs isList isString isBool isInt filter concatStringsSep
    concatMap foldl' all;

  priorityHint = ''
    Use `lib.mkForce value` or `lib.mkDefault value` to change the priority on any of these definitions.
  '';
in
rec {
  /** Whether a value is an option declaration. Example: `isOption (mkOption { })` => `true` */
  isOption = lib.types.isType "option";

  /** Declare an option. Attributes: `type`, `default`, `defaultText`, `example`,
      `description`, `apply`, `readOnly`, `internal`, `visible`, `relatedPackages`.
      Example: `mkOption { type = lib.types.int; default = 1; }` */
  mkOption =
    { default ? null, defaultText ? null, example ? null, description ? null,
      relatedPackages ? null, type ? null, apply ? null, internal ? null,
      visible ? null, readOnly ? null }@attrs:
    attrs // { _type = "option"; };

  /** A boolean option defaulting to false, described as "Whether to enable NAME.".
      Example: `mkEnableOption "the web server"` */
  mkEnableOption = name: mkOption {
    default = false;
    example = true;
    description = "Whether to enable ${name}.";
    type = lib.types.bool;
  };

  /** An option for a package taken from `pkgs` by (attribute path) name.
      Example: `mkPackageOption pkgs "hello" { }` */
  mkPackageOption = pkgs: name:
    { nullable ? false, default ? name, example ? null, extraDescription ? "", pkgsText ? "pkgs" }:
    let
      shortName = if isList name then lib.lists.last name else name;
      path = lib.lists.toList default;
      pathText = lib.attrsets.showAttrPath path;
      found = lib.attrsets.attrByPath path (throw "${pathText} cannot be found in ${pkgsText}") pkgs;
      defaultAttrs =
        if default != null then { default = found; defaultText = literalExpression "${pkgsText}.${pathText}"; }
        else lib.attrsets.optionalAttrs nullable { default = null; };
    in
    mkOption (defaultAttrs // {
      description = "The ${shortName} package to use." + (if extraDescription == "" then "" else " ") + extraDescription;
      type = if nullable then lib.types.nullOr lib.types.package else lib.types.package;
    } // lib.attrsets.optionalAttrs (example != null) {
      example = literalExpression (if isList example then "${pkgsText}.${lib.attrsets.showAttrPath example}" else example);
    });

  /** An internal option that accepts and ignores any definitions.
      Example: `mkSinkUndeclaredOptions { }` */
  mkSinkUndeclaredOptions = attrs: mkOption ({
    internal = true;
    visible = false;
    default = false;
    description = "Sink for option definitions.";
    type = lib.types.mkOptionType { name = "sink"; check = _: true; merge = loc: defs: false; };
    apply = _: throw "Option value is not readable because the option is not declared.";
  } // attrs);

  /** The historical default merge: one value as is, else by common shape
      (functions, lists, attrsets, booleans, strings, equal ints).
      Example: `mergeDefaultOption [ "x" ] [ { file = "a"; value = [ 1 ]; } { file = "b"; value = [ 2 ]; } ]` => `[ 1 2 ]` */
  mergeDefaultOption = loc: defs:
    let vals = getValues defs; in
    if length vals == 1 then head vals
    else if all lib.trivial.isFunction vals then x: mergeDefaultOption loc (map (f: f x) vals)
    else if all isList vals then builtins.concatLists vals
    else if all isAttrs vals then foldl' (a: b: a // b) { } vals
    else if all isBool vals then builtins.any (x: x) vals
    else if all isString vals then lib.strings.concatStrings vals
    else if all isInt vals && all (x: x == head vals) vals then head vals
    else throw "Cannot merge definitions of `${showOption loc}'. Definition values:${showDefs defs}";

  /** Merge requiring exactly one definition; `message` explains why.
      Example: `mergeUniqueOption { message = ""; } [ "x" ] [ { file = "a"; value = 1; } ]` => `1` */
  mergeUniqueOption = { message, merge ? loc: defs: (head defs).value }: loc: defs:
    if length defs == 1 then merge loc defs
    else assert length defs > 1;
      throw "The option `${showOption loc}' is defined multiple times while it's expected to be unique.\n${message}\nDefinition values:${showDefs defs}\n${priorityHint}";

  /** `mergeUniqueOption` without extra message. Example: `mergeOneOption [ "x" ] [ { file = "a"; value = 1; } ]` => `1` */
  mergeOneOption = mergeUniqueOption { message = ""; };

  /** Merge definitions that must all be equal.
      Example: `mergeEqualOption [ "x" ] [ { file = "a"; value = 1; } { file = "b"; value = 1; } ]` => `1` */
  mergeEqualOption = loc: defs:
    if defs == [ ] then abort "This case should never happen."
    else if length defs == 1 then (head defs).value
    else (foldl' (first: def:
      if def.value != first.value then
        throw "The option `${showOption loc}' has conflicting definition values:${showDefs [ first def ]}\n${priorityHint}"
      else first) (head defs) (tail defs)).value;

  /** Values of a list of definitions. Example: `getValues [ { value = 1; } ]` => `[ 1 ]` */
  getValues = map (d: d.value);

  /** Files of a list of definitions. Example: `getFiles [ { file = "a"; } ]` => `[ "a" ]` */
  getFiles = map (d: d.file);

  /** Flatten a tree of options into documentation records (name, description,
      type, default, example, declarations, visibility), sub-options included.
      Example: `optionAttrSetToDocList (evalModules { … }).options` */
  optionAttrSetToDocList = optionAttrSetToDocList' [ ];

  /** Like `optionAttrSetToDocList`; the first argument is ignored. */
  optionAttrSetToDocList' = _: options:
    concatMap (opt:
      let
        name = showOption opt.loc;
        visible = opt.visible or true;
        hasDefault = opt ? defaultText || opt ? default
          || (((opt.type or { }).emptyValue or { }) ? value && (opt.type or { }).getSubModules or null == null);
        record = {
          loc = opt.loc;
          inherit name;
          description = opt.description or null;
          declarations = filter (d: d != unknownModule) opt.declarations;
          internal = opt.internal or false;
          visible = if isBool visible then visible else visible == "shallow";
          readOnly = opt.readOnly or false;
          type = opt.type.description or "unspecified";
        }
        // lib.attrsets.optionalAttrs (opt ? example) {
          example = builtins.addErrorContext "while evaluating the example of option `${name}`" (renderOptionValue opt.example);
        }
        // lib.attrsets.optionalAttrs hasDefault {
          default = builtins.addErrorContext
            "while evaluating the ${if opt ? defaultText then "defaultText" else "default value"} of option `${name}`"
            (renderOptionValue (opt.defaultText or opt.default or opt.type.emptyValue.value));
        }
        // lib.attrsets.optionalAttrs (opt ? relatedPackages && opt.relatedPackages != null) {
          inherit (opt) relatedPackages;
        };
        subOptions = let s = opt.type.getSubOptions opt.loc; in
          if s != { } then optionAttrSetToDocList' opt.loc s else [ ];
        showSub = if isBool visible then visible else visible == "transparent";
      in [ record ] ++ lib.lists.optionals showSub subOptions
    ) (lib.attrsets.collect isOption options);

  /** Replace derivations by small stand-ins, recursively, for documentation.
      Example: `scrubOptionValue { a = 1; }` => `{ a = 1; }` */
  scrubOptionValue = x:
    if lib.attrsets.isDerivation x then { type = "derivation"; drvPath = x.name; outPath = x.name; name = x.name; }
    else if isList x then map scrubOptionValue x
    else if isAttrs x then builtins.mapAttrs (_: scrubOptionValue) (removeAttrs x [ "_args" ])
    else x;

  /** Render a value for documentation as a `literalExpression` (literals pass through).
      Example: `renderOptionValue 1` => `{ _type = "literalExpression"; text = "1"; }` */
  renderOptionValue = v:
    if v ? _type && v ? text then v
    else literalExpression (lib.generators.toPretty { multiline = true; allowPrettyValues = true; } v);

  /** Mark a string as Nix code for documentation. Example: `literalExpression "pkgs.hello"` */
  literalExpression = text:
    if !isString text then throw "literalExpression expects a string."
    else { _type = "literalExpression"; inherit text; };

  /** Deprecated alias of `literalExpression`. */
  literalExample = literalExpression;

  /** Mark a string as Markdown for documentation. Example: `literalMD "the *default*"` */
  literalMD = text:
    if !isString text then throw "literalMD expects a string."
    else { _type = "literalMD"; inherit text; };

  /** A fenced code block as Markdown. Example: `literalCode "nix" "{ }"` */
  literalCode = languageTag: text: literalMD ''
    ```${languageTag}
    ${text}
    ```
  '';

  /** Identity kept for old code that marked descriptions as Markdown. Example: `mdDoc "x"` => `"x"` */
  mdDoc = lib.trivial.id;

  /** Render an option path, quoting names when needed (`*` and `<name>` stay bare).
      Example: `showOption [ "services" "a b" "enable" ]` => `"services.\"a b\".enable"` */
  showOption = parts:
    let
      bare = p: p == "*" || builtins.match "<(.*)>" p != null;
      one = p: if bare p then p else lib.strings.escapeNixIdentifier p;
    in concatStringsSep "." (map one parts);

  /** Quote and join files. Example: `showFiles [ "a" "b" ]` => `"`a' and `b'"` */
  showFiles = files: concatStringsSep " and " (map (f: "`${f}'") files);

  /** Render definitions as a bulleted list with file and pretty value (first 5 lines).
      Example: `showDefs [ { file = "a"; value = 1; } ]` => `"\n- In `a': 1"` */
  showDefs = defs: lib.strings.concatMapStrings (def:
    let
      attempt = builtins.tryEval (lib.generators.toPretty { }
        (lib.generators.withRecursion { depthLimit = 10; throwOnDepthLimit = false; } def.value));
      lines = filter (l: !isList l) (builtins.split "\n" attempt.value);
      shown = concatStringsSep "\n    " (lib.lists.take 5 lines ++ lib.lists.optional (length lines > 5) "...");
      suffix =
        if !attempt.success then ""
        else if length lines > 1 then ":\n    " + shown
        else ": " + shown;
    in "\n- In `${def.file}'${suffix}") defs;

  /** An option name followed by the files defining it.
      Example: `showOptionWithDefLocs { loc = [ "a" ]; files = [ "f" ]; }` */
  showOptionWithDefLocs = opt: ''
    ${showOption opt.loc}, with values defined in:
    ${lib.strings.concatMapStringsSep "\n" (f: "  - ${f}") opt.files}
  '';

  /** The file name used when a module's file is unknown. */
  unknownModule = "<unknown-file>";
}
