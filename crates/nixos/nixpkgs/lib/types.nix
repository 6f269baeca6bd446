# Option types: what a definition may be (`check`), how several definitions
# combine (`merge`), how the type reads in documentation (`description`) and
# how two declarations of one option combine their types (`typeMerge`).
#
# Composite types use the "v2" merge protocol: `merge.v2 { loc, defs }`
# returns `{ headError, value, valueMeta }`, so a caller (the module system,
# `either`, `coercedTo`) can learn whether the definitions fit without forcing
# an error. `merge` stays callable as `merge loc defs` for old callers.
{ lib }:
let
  inherit (builtins) isAttrs isBool isInt isFloat isList isString isPath length head tail
    elemAt filter concatMap foldl' attrNames mapAttrs typeOf toJSON substring all;
  inherit (lib.options) showOption showDefs showFiles getFiles getValues mergeDefaultOption
    mergeEqualOption mergeOneOption mergeUniqueOption;
  inherit (lib.strings) concatMapStringsSep concatStringsSep escapeNixString escapeNixIdentifier
    isStringLike hasInfix;
  inherit (lib.trivial) isFunction functionArgs;
  inherit (lib.modules) mergeDefinitions;

  # " at FILE:LINE:COL" for an attribute, or "" when Nix does not know.
  posSuffix = set: name:
    let pos = builtins.unsafeGetAttrPos name set; in
    if pos == null then "" else " at ${pos.file}:${toString pos.line}:${toString pos.column}";

  # A functor for types with one `elemType` parameter (listOf, nullOr, …):
  # two declarations merge when their element types merge.
  wrapperFunctor = name: payload: {
    inherit name payload;
    type = lib.types.${name};
    binOp = a: b:
      let merged = a.elemType.typeMerge b.elemType.functor;
      in if merged == null then null else { elemType = merged; };
  };

  # headError for the v2 protocol: null when every definition passes `check`.
  firstCheckError = check: loc: defs:
    if builtins.all (def: check def.value) defs then null
    else { message = "Definition values: ${showDefs (filter (def: !check def.value) defs)}"; };

  # A `check` marked as safe to combine with a v2 merge.
  v2Check = f: { __functor = _: f; isV2MergeCoherent = true; };

  # A merge that is both `merge loc defs` and `merge.v2 { loc, defs }`.
  v2Merge = v2: { __functor = self: loc: defs: (self.v2 { inherit loc defs; }).value; inherit v2; };

  # Refuse a v2 type whose `check` was replaced with `type // { check = …; }`.
  requireCoherent = loc: type: result:
    if type.check.isV2MergeCoherent or false then result
    else throw ''
      The option `${showOption loc}' has a type `${type.description}' that uses
      an ad-hoc `type // { check = ...; }' override, which is incompatible with
      the v2 merge mechanism.
      Please use `lib.types.addCheck` instead of `type // { check }' to add
      custom validation. For example:
        lib.types.addCheck baseType (value: /* your check */)
      instead of:
        baseType // { check = value: /* your check */; }
    '';

  # Run a type's merge in v2 form whatever protocol it speaks.
  mergeV2 = type: loc: defs:
    if type.merge ? v2 then requireCoherent loc type (type.merge.v2 { inherit loc defs; })
    else { value = type.merge loc defs; headError = firstCheckError type.check loc defs; valueMeta = { }; };


  showEnumValue = v:
    if isString v then ''"${v}"''
    else if isInt v then toString v
    else if isBool v then lib.trivial.boolToString v
    else "<${typeOf v}>";
in
rec {
  /** Whether a value has `_type` equal to the given tag. Example: `isType "option" (lib.mkOption { })` => `true` */
  isType = tag: x: (x._type or "") == tag;

  /** Tag a value with `_type`. Example: `setType "foo" { }` => `{ _type = "foo"; }` */
  setType = tag: value: value // { _type = tag; };

  /** The usual `typeMerge`: same name, and mergeable payloads when there are any.
      Example: `defaultTypeMerge types.int.functor types.int.functor` => `types.int` */
  defaultTypeMerge = f: f':
    let
      hasPayload = assert (f'.payload != null) == (f.payload != null); f.payload != null;
      merged = f.binOp f.payload f'.payload;
    in
    if f.name != f'.name then null
    else if hasPayload then (if merged == null then null else f.type merged)
    else f.type;

  /** A functor for a type without parameters. Example: `(defaultFunctor "int").name` => `"int"` */
  defaultFunctor = name: {
    inherit name;
    type = lib.types.${name} or null;
    payload = null;
    binOp = a: b: null;
  };

  /** Whether a value is an option type. Example: `isOptionType types.int` => `true` */
  isOptionType = isType "option-type";

  /** Build an option type. Only `name` is required.
      Example: `mkOptionType { name = "even"; check = x: builtins.isInt x && lib.mod x 2 == 0; }` */
  mkOptionType =
    { name, description ? null, descriptionClass ? null, check ? (x: true),
      merge ? mergeDefaultOption, emptyValue ? { }, getSubOptions ? prefix: { },
      getSubModules ? null, substSubModules ? m: null, typeMerge ? defaultTypeMerge functor,
      functor ? defaultFunctor name, deprecationMessage ? null, nestedTypes ? { } }:
    {
      _type = "option-type";
      inherit name check merge emptyValue getSubOptions getSubModules substSubModules typeMerge
        deprecationMessage nestedTypes descriptionClass functor;
      description = if description == null then name else description;
    };

  /** The description of `t`, parenthesised unless `keep t.descriptionClass` holds.
      Example: `optionDescriptionPhrase (c: c == "noun") types.int` => `"signed integer"` */
  optionDescriptionPhrase = keep: t:
    if keep (t.descriptionClass or null) then t.description else "(${t.description})";

  /** A module that turns off `_module.check`, used when rendering documentation. */
  noCheckForDocsModule = {
    config._module.check = lib.modules.mkForce false;
    _file = "<built-in module that disables checks for the purpose of documentation generation>";
  };

  /** Any value, defined once, never merged or inspected. Example: `types.raw` */
  raw = mkOptionType {
    name = "raw"; description = "raw value"; descriptionClass = "noun";
    check = _: true; merge = mergeOneOption;
  };

  /** Any value; attrsets merge recursively, functions merge their results, other values must be equal.
      Example: `types.anything` */
  anything = mkOptionType {
    name = "anything"; description = "anything"; descriptionClass = "noun";
    check = _: true;
    merge = loc: defs:
      let
        kind = v: if isAttrs v && isStringLike v then "stringCoercibleSet" else typeOf v;
        common = foldl' (k: def:
          if kind def.value == k then k
          else throw "The option `${showOption loc}' has conflicting option types in ${showFiles (getFiles defs)}"
        ) (kind (head defs).value) defs;
        byKind = {
          set = (attrsOf anything).merge;
          stringCoercibleSet = mergeOneOption;
          lambda = loc: defs: arg:
            anything.merge (loc ++ [ "<function body>" ]) (map (def: { file = def.file; value = def.value arg; }) defs);
        };
      in (byKind.${common} or mergeEqualOption) loc defs;
  };

  /** No checking, merged with `mergeDefaultOption`. Example: `types.unspecified` */
  unspecified = mkOptionType { name = "unspecified"; description = "unspecified value"; descriptionClass = "noun"; };

  /** A boolean; definitions must agree. Example: `types.bool` */
  bool = mkOptionType {
    name = "bool"; description = "boolean"; descriptionClass = "noun";
    check = isBool; merge = mergeEqualOption;
  };

  /** A boolean; definitions are combined with `||`. Example: `types.boolByOr` */
  boolByOr = mkOptionType {
    name = "boolByOr"; description = "boolean (merged using or)"; descriptionClass = "noun";
    check = isBool;
    merge = loc: defs: foldl' (acc: def: acc || def.value) false defs;
  };

  /** A signed integer. Example: `types.int` */
  int = mkOptionType {
    name = "int"; description = "signed integer"; descriptionClass = "noun";
    check = isInt; merge = mergeEqualOption;
  };

  /** Integer ranges: `between lo hi`, `unsigned`, `positive`, `u8` … `u32`, `s8` … `s32`.
      Example: `types.ints.between 0 10` */
  ints =
    let
      rangeText = lo: hi: "${toString lo} and ${toString hi} (both inclusive)";
      between = lo: hi:
        assert lib.asserts.assertMsg (lo <= hi) "ints.between: lowest must be smaller than highest";
        addCheck int (x: x >= lo && x <= hi) // {
          name = "intBetween";
          description = "integer between ${rangeText lo hi}";
        };
      sized = lo: hi: name: what: between lo hi // {
        inherit name;
        description = what + "; between ${rangeText lo hi}";
      };
      unsignedBits = bits: size: sized 0 (size - 1) "unsignedInt${toString bits}" "${toString bits} bit unsigned integer";
      signedBits = bits: size: sized (0 - size / 2) (size / 2 - 1) "signedInt${toString bits}" "${toString bits} bit signed integer";
    in
    {
      inherit between;
      unsigned = addCheck int (x: x >= 0) // {
        name = "unsignedInt";
        description = "unsigned integer, meaning >=0";
        descriptionClass = "nonRestrictiveClause";
      };
      positive = addCheck int (x: x > 0) // {
        name = "positiveInt";
        description = "positive integer, meaning >0";
        descriptionClass = "nonRestrictiveClause";
      };
      u8 = unsignedBits 8 256;
      u16 = unsignedBits 16 65536;
      u32 = unsignedBits 32 4294967296;
      s8 = signedBits 8 256;
      s16 = signedBits 16 65536;
      s32 = signedBits 32 4294967296;
    };

  /** A TCP/UDP port number (16 bit unsigned). Example: `types.port` */
  port = ints.u16;

  /** A float. Example: `types.float` */
  float = mkOptionType {
    name = "float"; description = "floating point number"; descriptionClass = "noun";
    check = isFloat; merge = mergeEqualOption;
  };

  /** An int or a float. Example: `types.number` */
  number = either int float;

  /** Number ranges: `between lo hi`, `nonnegative`, `positive`. Example: `types.numbers.between 0 1` */
  numbers =
    let rangeText = lo: hi: "${toJSON lo} and ${toJSON hi} (both inclusive)"; in
    {
      between = lo: hi:
        assert lib.asserts.assertMsg (lo <= hi) "numbers.between: lowest must be smaller than highest";
        addCheck number (x: x >= lo && x <= hi) // {
          name = "numberBetween";
          description = "integer or floating point number between ${rangeText lo hi}";
        };
      nonnegative = addCheck number (x: x >= 0) // {
        name = "numberNonnegative";
        description = "nonnegative integer or floating point number, meaning >=0";
        descriptionClass = "nonRestrictiveClause";
      };
      positive = addCheck number (x: x > 0) // {
        name = "numberPositive";
        description = "positive integer or floating point number, meaning >0";
        descriptionClass = "nonRestrictiveClause";
      };
    };

  /** A string; definitions must agree. Example: `types.str` */
  str = mkOptionType {
    name = "str"; description = "string"; descriptionClass = "noun";
    check = isString; merge = mergeEqualOption;
  };

  /** A string that is not only whitespace. Example: `types.nonEmptyStr` */
  nonEmptyStr = mkOptionType {
    name = "nonEmptyStr"; description = "non-empty string"; descriptionClass = "noun";
    check = x: str.check x && builtins.match "[ \t\n]*" x == null;
    inherit (str) merge;
  };

  /** A string of one line, optionally ending in a newline (which is dropped).
      Example: `types.singleLineStr` */
  singleLineStr =
    let inner = strMatching "[^\n\r]*\n?"; in
    mkOptionType {
      name = "singleLineStr";
      description = "(optionally newline-terminated) single-line string";
      descriptionClass = "noun";
      inherit (inner) check;
      merge = loc: defs: lib.strings.removeSuffix "\n" (inner.merge loc defs);
    };

  /** A string matching a POSIX regex. Example: `types.strMatching "[a-z]+"` */
  strMatching = pattern: mkOptionType {
    name = "strMatching ${escapeNixString pattern}";
    description = "string matching the pattern ${pattern}";
    descriptionClass = "noun";
    check = x: str.check x && builtins.match pattern x != null;
    inherit (str) merge;
    functor = defaultFunctor "strMatching" // {
      type = payload: strMatching payload.pattern;
      payload = { inherit pattern; };
      binOp = a: b: if a == b then a else null;
    };
  };

  /** Strings joined with a separator when defined several times.
      Example: `types.separatedString ","` */
  separatedString = sep: mkOptionType rec {
    name = "separatedString";
    description = "strings concatenated with ${toJSON sep}";
    descriptionClass = "noun";
    check = isString;
    merge = loc: defs: concatStringsSep sep (getValues defs);
    functor = defaultFunctor name // {
      payload = { inherit sep; };
      type = payload: lib.types.separatedString payload.sep;
      binOp = a: b: if a.sep == b.sep then { inherit (a) sep; } else null;
    };
  };

  /** Strings joined by newlines. Example: `types.lines` */
  lines = separatedString "\n";
  /** Strings joined by commas. Example: `types.commas` */
  commas = separatedString ",";
  /** Strings joined by colons. Example: `types.envVar` */
  envVar = separatedString ":";

  /** A string type restricted to have no colon or newline (for /etc/passwd).
      Example: `types.passwdEntry types.str` */
  passwdEntry = entryType: addCheck entryType (s: !(hasInfix ":" s || hasInfix "\n" s)) // {
    name = "passwdEntry ${entryType.name}";
    description = "${optionDescriptionPhrase (c: c == "noun") entryType}, not containing newlines or colons";
    descriptionClass = "nonRestrictiveClause";
  };

  /** An attribute set, merged shallowly (right wins). Example: `types.attrs` */
  attrs = mkOptionType {
    name = "attrs"; description = "attribute set";
    check = isAttrs;
    merge = loc: foldl' (acc: def: acc // def.value) { };
    emptyValue = { value = { }; };
  };

  /** A file set (see `lib.fileset`), definitions unioned. Example: `types.fileset` */
  fileset = mkOptionType {
    name = "fileset"; description = "fileset"; descriptionClass = "noun";
    check = lib.fileset.isFileset;
    merge = loc: defs: lib.fileset.unions (map (d: d.value) defs);
    emptyValue.value = lib.fileset.empty;
  };

  /** A derivation or a store path (turned into a derivation-like set).
      Example: `types.package` */
  package = mkOptionType {
    name = "package"; descriptionClass = "noun";
    check = x: lib.attrsets.isDerivation x || lib.strings.isStorePath x;
    merge = loc: defs:
      let res = mergeOneOption loc defs; in
      if isPath res || (isString res && !builtins.hasContext res) then lib.attrsets.toDerivation res else res;
  };

  /** A package with a `shellPath`. Example: `types.shellPackage` */
  shellPackage = package // { check = x: lib.attrsets.isDerivation x && x ? shellPath; };

  /** A Nixpkgs package set. Example: `types.pkgs` */
  pkgs = addCheck (unique { message = "A Nixpkgs pkgs set can not be merged with another pkgs set."; } attrs // {
    name = "pkgs"; descriptionClass = "noun"; description = "Nixpkgs package set";
  }) (x: (x._type or null) == "pkgs");

  /** An absolute path (path value or string). Example: `types.path` */
  path = pathWith { absolute = true; };
  /** A path inside the Nix store. Example: `types.pathInStore` */
  pathInStore = pathWith { inStore = true; };
  /** An absolute path string outside the Nix store. Example: `types.externalPath` */
  externalPath = pathWith { absolute = true; inStore = false; };

  /** A path with optional constraints `inStore` and `absolute` (null: either).
      Example: `types.pathWith { inStore = true; }` */
  pathWith = { inStore ? null, absolute ? null }:
    lib.trivial.throwIf (inStore != null && absolute != null && inStore && !absolute)
      "In pathWith, inStore means the path must be absolute"
    mkOptionType {
      name = "path";
      description =
        (if absolute == null then "" else if absolute then "absolute " else "relative ")
        + "path"
        + (if inStore == null then "" else if inStore then " in the Nix store" else " not in the Nix store");
      descriptionClass = "noun";
      merge = mergeEqualOption;
      functor = defaultFunctor "path" // {
        type = pathWith;
        payload = { inherit inStore absolute; };
        binOp = a: b: if a == b then a else null;
      };
      check = x:
        let
          rightKind = if inStore == null || inStore then isStringLike x else isString x;
          s = toString x;
        in
        rightKind
        && (absolute == null || absolute == (substring 0 1 s == "/"))
        && (inStore == null || inStore == lib.path.hasStorePathPrefix (if isPath x then x else /. + builtins.unsafeDiscardStringContext s));
    };

  /** A list; definitions are concatenated and each element checked.
      Example: `types.listOf types.int` */
  listOf = elemType: mkOptionType rec {
    name = "listOf";
    description = "list of ${optionDescriptionPhrase (c: c == "noun" || c == "composite") elemType}";
    descriptionClass = "composite";
    check = v2Check isList;
    merge = v2Merge ({ loc, defs }:
      let
        # Each element merged on its own (`imap1` written out: one call per element).
        evals = filter (e: e.optionalValue ? value) (builtins.concatLists (builtins.genList (i:
          let def = elemAt defs i; in
          builtins.genList (j:
            mergeDefinitions (loc ++ [ "[definition ${toString (i + 1)}-entry ${toString (j + 1)}]" ]) elemType
              [ { inherit (def) file; value = elemAt def.value j; } ]) (length def.value)) (length defs)));
      in {
        headError = firstCheckError check loc defs;
        value = map (e: e.optionalValue.value or e.mergedValue) evals;
        valueMeta.list = map (e: e.checkedAndMerged.valueMeta) evals;
      });
    emptyValue = { value = [ ]; };
    getSubOptions = prefix: elemType.getSubOptions (prefix ++ [ "*" ]);
    getSubModules = elemType.getSubModules;
    substSubModules = m: listOf (elemType.substSubModules m);
    functor = wrapperFunctor name { inherit elemType; } // { type = payload: lib.types.listOf payload.elemType; };
    nestedTypes.elemType = elemType;
  };

  /** A list with at least one element. Example: `types.nonEmptyListOf types.str` */
  nonEmptyListOf = elemType:
    let list = addCheck (listOf elemType) (l: l != [ ]); in
    list // {
      description = "non-empty ${optionDescriptionPhrase (c: c == "noun") list}";
      emptyValue = { };
      substSubModules = m: nonEmptyListOf (elemType.substSubModules m);
    };

  /** An ordered list of single-attribute sets (or an attrset), see `attrListWith`.
      Example: `types.attrListOf types.int` */
  attrListOf = elemType: attrListWith { inherit elemType; };

  /** An ordered list of `{ name = value; }` entries that also accepts attribute
      sets, with `mkOrder`/`mkBefore`/`mkAfter` and priorities per entry.
      `asAttrs = true` returns an attrset, combining duplicate names with `mergeAttrValues`.
      Example: `types.attrListWith { elemType = types.str; asAttrs = true; }` */
  attrListWith = { elemType, asAttrs ? false, mergeAttrValues ? _name: values: values }:
    mkOptionType rec {
      name = "attrListOf";
      description = "attribute list of ${optionDescriptionPhrase (c: c == "noun" || c == "composite") elemType}";
      descriptionClass = "composite";
      check = v2Check (x: isList x || isAttrs x);
      merge = v2Merge ({ loc, defs }:
        let
          defaultOrder = lib.modules.defaultOrderPriority;
          defaultOverride = lib.modules.defaultOverridePriority;
          # Strip mkOrder/mkOverride wrappers of one entry's value, remembering them.
          peel = value:
            let tag = value._type or null; in
            if tag == "order" then
              let inner = peel value.content; in { inherit (inner) value overridePrio; prio = value.priority; }
            else if tag == "override" then
              let inner = peel value.content; in {
                inherit (inner) prio;
                overridePrio = value.priority;
                value = lib.modules.mkOverride value.priority inner.value;
              }
            else { inherit value; prio = defaultOrder; overridePrio = defaultOverride; };
          fromListElement = file: raw:
            let
              ordered = isType "order" raw;
              item = if ordered then raw.content else raw;
              key = head (attrNames item);
              peeled = peel item.${key};
            in
            if isAttrs item && length (attrNames item) == 1 then
              peeled // { inherit file key; prio = if ordered then raw.priority else peeled.prio; }
            else
              throw "A definition for option `${showOption loc}' is not of type `${description}'. ${
                if !isAttrs item then "Each list element must be an attribute set, but got ${typeOf item}"
                else "Each list element must be a single-key attribute set, but got ${toString (length (attrNames item))} keys"
              }.${showDefs [ { inherit file; value = raw; } ]}";
          entriesOf = def:
            if isList def.value then map (fromListElement def.file) def.value
            else map (key: peel def.value.${key} // { inherit (def) file; inherit key; }) (attrNames def.value);
          entries = concatMap entriesOf defs;
          bestOverride = foldl' (acc: e:
            if e.overridePrio < (acc.${e.key} or defaultOverride) then acc // { ${e.key} = e.overridePrio; } else acc
          ) { } entries;
          kept = builtins.sort (a: b: a.prio < b.prio)
            (filter (e: e.overridePrio == (bestOverride.${e.key} or defaultOverride)) entries);
          evals = filter (e: e.eval.optionalValue ? value) (map (e: {
            inherit (e) key file prio;
            eval = mergeDefinitions (loc ++ [ e.key ]) elemType [ { inherit (e) file value; } ];
          }) kept);
          listValue = map (e: { ${e.key} = e.eval.optionalValue.value or e.eval.mergedValue; }) evals;
        in {
          headError = firstCheckError check loc defs;
          value = if asAttrs then builtins.zipAttrsWith mergeAttrValues listValue else listValue;
          valueMeta = {
            attrList = map (e: e.eval.checkedAndMerged.valueMeta) evals;
            attrListValue = listValue;
            definitions = map (e: lib.modules.mkDefinition {
              inherit (e) file;
              value = lib.modules.mkOrder e.prio { ${e.key} = e.eval.optionalValue.value or e.eval.mergedValue; };
            }) evals;
          };
        });
      emptyValue = { value = if asAttrs then { } else [ ]; };
      getSubOptions = prefix: elemType.getSubOptions (prefix ++ [ "*" ]);
      getSubModules = elemType.getSubModules;
      substSubModules = m: attrListWith { inherit asAttrs mergeAttrValues; elemType = elemType.substSubModules m; };
      typeMerge = t: null;
      nestedTypes.elemType = elemType;
    };

  /** An attribute set whose values all have `elemType`. Example: `types.attrsOf types.int` */
  attrsOf = elemType: attrsWith { inherit elemType; };

  /** Like `attrsOf`, but values are merged only when read, so an attribute whose
      definitions are all `mkIf false` still exists. Example: `types.lazyAttrsOf types.int` */
  lazyAttrsOf = elemType: attrsWith { inherit elemType; lazy = true; };

  /** The general attribute-set type: `elemType`, `lazy`, and the `placeholder`
      shown in documentation paths (default `name`).
      Example: `types.attrsWith { elemType = types.str; placeholder = "user"; }` */
  attrsWith =
    let
      perName = map (def: mapAttrs (_: v: { inherit (def) file; value = v; }) def.value);
      binOp = a: b:
        let
          elemType = a.elemType.typeMerge b.elemType.functor;
          lazy = if a.lazy == b.lazy then a.lazy else null;
          placeholder =
            if a.placeholder == b.placeholder then a.placeholder
            else if a.placeholder == "name" then b.placeholder
            else if b.placeholder == "name" then a.placeholder
            else null;
        in
        if elemType == null || lazy == null || placeholder == null then null
        else { inherit elemType lazy placeholder; };
    in
    { elemType, lazy ? false, placeholder ? "name" }:
    mkOptionType rec {
      name = if lazy then "lazyAttrsOf" else "attrsOf";
      description = (if lazy then "lazy attribute set" else "attribute set")
        + " of ${optionDescriptionPhrase (c: c == "noun" || c == "composite") elemType}";
      descriptionClass = "composite";
      check = v2Check isAttrs;
      merge = v2Merge ({ loc, defs }:
        let
          all' = builtins.zipAttrsWith (n: ds: mergeDefinitions (loc ++ [ n ]) elemType ds) (perName defs);
          evals = if lazy then all' else lib.attrsets.filterAttrs (n: e: e.optionalValue ? value) all';
        in {
          headError = firstCheckError check loc defs;
          value = mapAttrs (n: e:
            if lazy then e.optionalValue.value or elemType.emptyValue.value or e.mergedValue
            else e.optionalValue.value) evals;
          valueMeta.attrs = mapAttrs (n: e: e.checkedAndMerged.valueMeta) evals;
        });
      emptyValue = { value = { }; };
      getSubOptions = prefix: elemType.getSubOptions (prefix ++ [ "<${placeholder}>" ]);
      getSubModules = elemType.getSubModules;
      substSubModules = m: attrsWith { elemType = elemType.substSubModules m; inherit lazy placeholder; };
      functor = wrapperFunctor "attrsWith" { inherit elemType lazy placeholder; } // { inherit binOp; };
      nestedTypes.elemType = elemType;
    };

  /** Deprecated: lists or attribute sets. Now `attrsOf` with a deprecation message. */
  loaOf = elemType: attrsOf elemType // {
    name = "loaOf";
    deprecationMessage = "Mixing lists with attribute values is no longer"
      + " possible; please use `types.attrsOf` instead. See"
      + " https://github.com/NixOS/nixpkgs/issues/1800 for the motivation.";
    nestedTypes.elemType = elemType;
  };

  /** A tagged union: the value is `{ tag = value; }` for one of the declared tags,
      each tag being an option (`mkOption`). Example: `types.attrTag { port = lib.mkOption { type = types.port; }; }` */
  attrTag = declared:
    let
      tags = mapAttrs (n: opt:
        builtins.addErrorContext
          "while checking that attrTag tag ${escapeNixIdentifier n} is an option with a type${posSuffix declared n}"
          (lib.trivial.throwIf (opt._type or null != "option")
            "In attrTag, each tag value must be an option, but tag ${escapeNixIdentifier n} ${
              if opt ? _type then
                if opt._type == "option-type" then "was a bare type, not wrapped in mkOption."
                else "was of type ${escapeNixString opt._type}."
              else "was not."}"
            opt // {
              declarations = opt.declarations or (let p = builtins.unsafeGetAttrPos n declared; in if p == null then [ ] else [ p.file ]);
              declarationPositions = opt.declarationPositions or (let p = builtins.unsafeGetAttrPos n declared; in if p == null then [ ] else [ p ]);
            })) declared;
      choices = concatMapStringsSep ", " escapeNixIdentifier (attrNames tags);
    in
    mkOptionType {
      name = "attrTag";
      description = "attribute-tagged union with choices: ${choices}";
      descriptionClass = "noun";
      getSubOptions = prefix: mapAttrs (tag: opt: opt // { loc = prefix ++ [ tag ]; }) tags;
      check = v: isAttrs v && length (attrNames v) == 1 && tags ? ${head (attrNames v)};
      merge = loc: defs:
        let
          choice = head (attrNames (head defs).value);
          inner = map (def:
            assert length (attrNames def.value) == 1;
            if head (attrNames def.value) != choice then
              throw "The option `${showOption loc}` is defined both as `${choice}` and `${head (attrNames def.value)}`, in ${showFiles (getFiles defs)}."
            else { inherit (def) file; value = def.value.${choice}; }) defs;
        in
        if tags ? ${choice} then
          { ${choice} = (lib.modules.evalOptionValue (loc ++ [ choice ]) tags.${choice} inner).value; }
        else
          throw "The option `${showOption loc}` is defined as ${escapeNixIdentifier choice}, but ${escapeNixIdentifier choice} is not among the valid choices (${choices}). Value ${choice} was defined in ${showFiles (getFiles defs)}.";
      nestedTypes = tags;
      functor = defaultFunctor "attrTag" // {
        type = { tags, ... }: lib.types.attrTag tags;
        payload = { inherit tags; };
        binOp =
          let asDecl = opt: { options = opt; _file = "<attrTag {...}>"; pos = null; }; in
          a: b: {
            tags = a.tags // b.tags // mapAttrs (tag: bOpt:
              lib.modules.mergeOptionDecls [ tag ] [ (asDecl a.tags.${tag}) (asDecl bOpt) ] // {
                declarations = a.tags.${tag}.declarations ++ bOpt.declarations;
                declarationPositions = a.tags.${tag}.declarationPositions ++ bOpt.declarationPositions;
              }) (builtins.intersectAttrs a.tags b.tags);
          };
      };
    };

  /** Inline Lua code (`lib.generators.mkLuaInline`). Example: `types.luaInline` */
  luaInline = mkOptionType {
    name = "luaInline"; description = "inline lua"; descriptionClass = "noun";
    check = x: x._type or null == "lua-inline"; merge = mergeEqualOption;
  };

  /** `type`, but defined at most once. Example: `types.uniq types.str` */
  uniq = unique { message = ""; };

  /** `type`, but defined at most once; `message` explains why.
      Example: `types.unique { message = "set it once"; } types.str` */
  unique = { message }: type: mkOptionType rec {
    name = "unique";
    inherit (type) description descriptionClass check;
    merge = mergeUniqueOption { inherit message; inherit (type) merge; };
    emptyValue = type.emptyValue;
    getSubOptions = type.getSubOptions;
    getSubModules = type.getSubModules;
    substSubModules = m: uniq (type.substSubModules m);
    functor = wrapperFunctor name { elemType = type; } // {
      type = payload: lib.types.unique { inherit message; } payload.elemType;
    };
    nestedTypes.elemType = type;
  };

  /** `null` or a value of `elemType`. Example: `types.nullOr types.str` */
  nullOr = elemType: mkOptionType rec {
    name = "nullOr";
    description = "null or ${optionDescriptionPhrase (c: c == "noun" || c == "conjunction") elemType}";
    descriptionClass = "conjunction";
    check = x: x == null || elemType.check x;
    merge = loc: defs:
      let nulls = filter (def: def.value == null) defs; in
      if nulls == [ ] then elemType.merge loc defs
      else if length nulls == length defs then null
      else throw "The option `${showOption loc}` is defined both null and not null, in ${showFiles (getFiles defs)}.";
    emptyValue = { value = null; };
    getSubOptions = elemType.getSubOptions;
    getSubModules = elemType.getSubModules;
    substSubModules = m: nullOr (elemType.substSubModules m);
    functor = wrapperFunctor name { inherit elemType; } // { type = payload: lib.types.nullOr payload.elemType; };
    nestedTypes.elemType = elemType;
  };

  /** A function whose results are merged with `elemType`.
      Example: `types.functionTo types.str` */
  functionTo = elemType: mkOptionType {
    name = "functionTo";
    description = "function that evaluates to a(n) ${optionDescriptionPhrase (c: c == "noun" || c == "composite") elemType}";
    descriptionClass = "composite";
    check = isFunction;
    merge = loc: defs: {
      __functionArgs = builtins.zipAttrsWith (_: all (x: x)) (map (d: functionArgs d.value) defs);
      __functor = _: args:
        (mergeDefinitions (loc ++ [ "<function body>" ]) elemType
          (map (d: { inherit (d) file; value = d.value args; }) defs)).mergedValue;
    };
    getSubOptions = prefix: elemType.getSubOptions (prefix ++ [ "<function body>" ]);
    getSubModules = elemType.getSubModules;
    substSubModules = m: functionTo (elemType.substSubModules m);
    functor = wrapperFunctor "functionTo" { inherit elemType; } // { type = payload: lib.types.functionTo payload.elemType; };
    nestedTypes.elemType = elemType;
  };

  /** A nested configuration of the given module(s); a plain attrset definition
      means its `config`. Example: `types.submodule { options.port = lib.mkOption { type = types.port; }; }` */
  submodule = modules: submoduleWith { shorthandOnlyDefinesConfig = true; modules = lib.lists.toList modules; };

  /** A module value, kept unevaluated so it can be imported elsewhere. Example: `types.deferredModule` */
  deferredModule = deferredModuleWith { };

  /** `deferredModule` with modules always included. Example: `types.deferredModuleWith { staticModules = [ ]; }` */
  deferredModuleWith = attrs@{ staticModules ? [ ] }: mkOptionType {
    name = "deferredModule";
    description = "module";
    descriptionClass = "noun";
    check = x: isAttrs x || isFunction x || path.check x;
    merge = loc: defs: {
      imports = staticModules ++ map (def:
        lib.modules.setDefaultModuleLocation "${def.file}, via option ${showOption loc}" def.value) defs;
    };
    inherit (submoduleWith { modules = staticModules; }) getSubOptions getSubModules;
    substSubModules = m: deferredModuleWith (attrs // { staticModules = m; });
    functor = defaultFunctor "deferredModuleWith" // {
      type = lib.types.deferredModuleWith;
      payload = { inherit staticModules; };
      binOp = a: b: { staticModules = a.staticModules ++ b.staticModules; };
    };
  };

  /** An option declaration (`mkOption { … }`) not yet evaluated. Example: `types.optionDeclaration` */
  optionDeclaration = mkOptionType {
    name = "optionDeclaration"; description = "option declaration"; descriptionClass = "noun";
    check = opt: isType "option" opt && !(opt ? value);
  };

  /** An option type; several definitions are merged like repeated declarations.
      Example: `types.optionType` */
  optionType = mkOptionType {
    name = "optionType"; description = "optionType"; descriptionClass = "noun";
    check = isType "option-type";
    merge = loc: defs:
      if length defs == 1 then (head defs).value
      else
        let
          decls = map ({ value, file }: { _file = file; options = lib.options.mkOption { type = value; }; }) defs;
        in (lib.modules.fixupOptionType loc (lib.modules.mergeOptionDecls loc decls)).type;
  };

  /** A nested configuration evaluated with `evalModules`: `modules`,
      `specialArgs`, `shorthandOnlyDefinesConfig`, `description`, `class`.
      Example: `types.submoduleWith { modules = [ ./sub.nix ]; }` */
  submoduleWith = attrs@{ modules, specialArgs ? { }, shorthandOnlyDefinesConfig ? false, description ? null, class ? null }:
    let
      asModules = defs: map ({ value, file }:
        if isAttrs value && shorthandOnlyDefinesConfig then { _file = file; config = value; }
        else { _file = file; imports = [ value ]; }) defs;
      base = lib.modules.evalModules {
        inherit class specialArgs;
        modules = [ { _module.args.name = lib.modules.mkOptionDefault "‹name›"; } ] ++ modules;
      };
      freeformType = base._module.freeformType;
      name = "submodule";
      check = v2Check (x: isAttrs x || isFunction x || path.check x);
    in
    mkOptionType {
      inherit name check;
      description =
        if description != null then description
        else
          let docs = base.extendModules { modules = [ noCheckForDocsModule ]; }; in
          if docs._module.freeformType ? description then
            "open ${name} of ${optionDescriptionPhrase (c: c == "noun" || c == "composite") docs._module.freeformType}"
          else name;
      merge = v2Merge ({ loc, defs }:
        let
          configuration = base.extendModules {
            modules = [ { _module.args.name = lib.lists.last loc; } ] ++ asModules defs;
            prefix = loc;
          };
        in {
          headError = firstCheckError check loc defs;
          value = configuration.config;
          valueMeta = { inherit configuration; };
        });
      emptyValue = { value = base.config; };
      getSubOptions = prefix:
        let
          docs = base.extendModules { inherit prefix; modules = [ noCheckForDocsModule ]; };
          ff = docs._module.freeformType;
        in docs.options // lib.attrsets.optionalAttrs (ff != null) { _freeformOptions = ff.getSubOptions prefix; };
      getSubModules = modules;
      substSubModules = m: submoduleWith (attrs // { modules = m; });
      nestedTypes = lib.attrsets.optionalAttrs (freeformType != null) { inherit freeformType; };
      functor = defaultFunctor name // {
        type = lib.types.submoduleWith;
        payload = { inherit modules class specialArgs shorthandOnlyDefinesConfig description; };
        binOp = a: b: {
          class =
            if a.class or null == null then b.class or null
            else if b.class or null == null then a.class or null
            else if a.class or null == b.class then a.class or null
            else throw "A submoduleWith option is declared multiple times with conflicting class values \"${toString a.class}\" and \"${toString b.class}\".";
          modules = a.modules ++ b.modules;
          specialArgs =
            let both = builtins.intersectAttrs a.specialArgs b.specialArgs; in
            if both == { } then a.specialArgs // b.specialArgs
            else throw "A submoduleWith option is declared multiple times with the same specialArgs \"${toString (attrNames both)}\"";
          shorthandOnlyDefinesConfig =
            if a.shorthandOnlyDefinesConfig == null then b.shorthandOnlyDefinesConfig
            else if b.shorthandOnlyDefinesConfig == null then a.shorthandOnlyDefinesConfig
            else if a.shorthandOnlyDefinesConfig == b.shorthandOnlyDefinesConfig then a.shorthandOnlyDefinesConfig
            else throw "A submoduleWith option is declared multiple times with conflicting shorthandOnlyDefinesConfig values";
          description =
            if a.description == null then b.description
            else if b.description == null then a.description
            else if a.description == b.description then a.description
            else throw "A submoduleWith option is declared multiple times with conflicting descriptions";
        };
      };
    };

  /** One of a fixed list of values (strings, ints, bools…). Example: `types.enum [ "a" "b" ]` */
  enum = values: mkOptionType rec {
    name = "enum";
    description =
      if values == [ ] then "impossible (empty enum)"
      else if length values == 1 then "value ${showEnumValue (head values)} (singular enum)"
      else "one of ${concatMapStringsSep ", " showEnumValue values}";
    descriptionClass = if length values < 2 then "noun" else "conjunction";
    check = v: builtins.elem v values;
    merge = mergeEqualOption;
    functor = defaultFunctor name // {
      payload = { inherit values; };
      type = payload: lib.types.enum payload.values;
      binOp = a: b: { values = lib.lists.unique (a.values ++ b.values); };
    };
  };

  /** Values representable in a serialisation format (null optional).
      Example: `types.serializableValueWith { typeName = "YAML"; }` */
  serializableValueWith = { typeName, nullable ? true }:
    let
      base = oneOf [ bool int float str path (attrsOf valueType) (listOf valueType) ];
      valueType = (if nullable then nullOr base else base) // { description = "${typeName} value"; };
    in valueType;

  /** A JSON value. Example: `types.json` */
  json = serializableValueWith { typeName = "JSON"; };
  /** A TOML value. Example: `types.toml` */
  toml = serializableValueWith { typeName = "TOML"; nullable = false; };

  /** A value of `t1` or of `t2`; the first that fits all definitions wins.
      Example: `types.either types.int types.str` */
  either = t1: t2: mkOptionType rec {
    name = "either";
    description =
      if t1.descriptionClass or null == "nonRestrictiveClause" then
        "${t1.description}, or ${optionDescriptionPhrase (c: c == "noun" || c == "conjunction") t2}"
      else
        "${optionDescriptionPhrase (c: c == "noun" || c == "conjunction") t1} or ${
          optionDescriptionPhrase (c: c == "noun" || c == "conjunction" || c == "composite") t2}";
    descriptionClass = "conjunction";
    check = v2Check (x: t1.check x || t2.check x);
    merge = v2Merge ({ loc, defs }:
      let
        left = mergeV2 t1 loc defs;
        right = mergeV2 t2 loc defs;
      in
      if left.headError == null then left
      else if right.headError == null then right
      else rec {
        valueMeta = { inherit headError; };
        headError.message = "The option `${showOption loc}` is neither a value of type `${t1.description}` nor `${t2.description}`, Definition values: ${showDefs defs}";
        value = lib.trivial.warn ''
          One or more definitions did not pass the type-check of the 'either' type.
          ${headError.message}
          If `either`, `oneOf` or similar is used in freeformType, ensure that it is preceded by an 'attrsOf' such as: `freeformType = types.attrsOf (types.either t1 t2)`.
          Otherwise consider using the correct type for the option `${showOption loc}`.  This will be an error in Nixpkgs 26.05.
        '' (mergeOneOption loc defs);
      });
    typeMerge = f':
      let
        m1 = t1.typeMerge (head f'.payload.elemType).functor;
        m2 = t2.typeMerge (elemAt f'.payload.elemType 1).functor;
      in
      if name == f'.name && m1 != null && m2 != null then functor.type m1 m2 else null;
    functor = wrapperFunctor name { elemType = [ t1 t2 ]; };
    nestedTypes.left = t1;
    nestedTypes.right = t2;
  };

  /** `either` over a non-empty list of types. Example: `types.oneOf [ types.int types.str ]` */
  oneOf = ts:
    let first = if ts == [ ] then throw "types.oneOf needs to get at least one type in its argument" else head ts;
    in foldl' either first (tail ts);

  /** Values of `finalType`, or of `coercedType` converted with `coerceFunc`.
      Example: `types.coercedTo types.int toString types.str` */
  coercedTo = coercedType: coerceFunc: finalType:
    assert lib.asserts.assertMsg (coercedType.getSubModules == null)
      "coercedTo: coercedType must not have submodules (it’s a ${coercedType.description})";
    mkOptionType rec {
      name = "coercedTo";
      description = "${optionDescriptionPhrase (c: c == "noun") finalType} or ${optionDescriptionPhrase (c: c == "noun") coercedType} convertible to it";
      check = v2Check (x: (coercedType.check x && finalType.check (coerceFunc x)) || finalType.check x);
      merge = v2Merge ({ loc, defs }:
        let
          coerceOne = def: def // {
            value =
              if coercedType.merge ? v2 then
                let r = requireCoherent loc coercedType (coercedType.merge.v2 { inherit loc; defs = [ def ]; });
                in if r.headError == null then coerceFunc def.value else def.value
              else if coercedType.check def.value then coerceFunc def.value
              else def.value;
          };
          finalDefs = map coerceOne defs;
        in
        if finalType.merge ? v2 then requireCoherent loc finalType (finalType.merge.v2 { inherit loc; defs = finalDefs; })
        else { value = finalType.merge loc finalDefs; valueMeta = { }; headError = firstCheckError check loc defs; });
      emptyValue = finalType.emptyValue;
      getSubOptions = finalType.getSubOptions;
      getSubModules = finalType.getSubModules;
      substSubModules = m: coercedTo coercedType coerceFunc (finalType.substSubModules m);
      typeMerge = t: null;
      functor = defaultFunctor name;
      nestedTypes.coercedType = coercedType;
      nestedTypes.finalType = finalType;
    };

  /** `elemType` with an extra check. Example: `types.addCheck types.int (x: x > 0)` */
  addCheck = elemType: extra:
    if elemType.merge ? v2 then
      elemType // {
        check = v2Check (x: elemType.check x && extra x);
        merge = v2Merge ({ loc, defs }@args:
          let r = requireCoherent loc elemType (elemType.merge.v2 args); in
          r // { headError = if r.headError != null then r.headError else firstCheckError extra loc defs; });
      }
    else elemType // { check = x: elemType.check x && extra x; };

  /** Merge two types as two declarations of one option would, or a `merge-error` value.
      Example: `mergeTypes (types.listOf types.int) (types.listOf types.int)` */
  mergeTypes = a: b:
    assert isOptionType a && isOptionType b;
    let merged = a.typeMerge b.functor; in
    if merged == null then setType "merge-error" { error = "Cannot merge types"; } else merged;

  /** The type set itself, for `with lib.types;`. */
  types = lib.types;
}
