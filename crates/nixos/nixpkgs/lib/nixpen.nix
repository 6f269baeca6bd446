# Nixpen extensions: option data for the playground's form and provenance
# view, as plain JSON-safe values (`builtins.toJSON` never fails on them).
# Why an option has its value, and where rendered lines come from:
# `lib.nixpen.explain` (nixpen-explain.nix).
#
# Positions are optional data: a record's `line`/`column` are null when Nix
# cannot tell where something was written (generated definitions, options
# declared by functions, evaluators without `unsafeGetAttrPos`).
{ lib }:
let
  inherit (builtins) isAttrs isList isString isBool isInt isFloat isPath isFunction tryEval
    length head attrNames concatMap filter map elemAt genList typeOf;
  inherit (lib.options) isOption showOption;

  # `{ success, value }` of forcing `v` to weak head normal form.
  attempt = v: tryEval v;

  # Value or fallback when evaluating it throws.
  orElse = fallback: v: let r = tryEval v; in if r.success then r.value else fallback;

  # A position record `{ file, line, column }` from `unsafeGetAttrPos`-style data.
  position = file: pos:
    if pos == null then { inherit file; line = null; column = null; }
    else { file = pos.file or file; line = pos.line or null; column = pos.column or null; };

  # Unwrap mkOverride, then mkOrder, of one discharged definition piece.
  splitPriority = defaultPrio: piece:
    let
      overridden = isAttrs piece && piece._type or null == "override";
      inner = if overridden then piece.content else piece;
      # A definition whose value fails (say, a default reading an unset
      # option) is shown as "<error>", not thrown.
      isOrder = tryEval (isAttrs inner && inner._type or null == "order");
      ordered = isOrder.success && isOrder.value;
    in {
      priority = if overridden then piece.priority else defaultPrio;
      order = if ordered then inner.priority else lib.modules.defaultOrderPriority;
      value = if ordered then inner.content else inner;
    };

  # Resolve mkMerge and mkIf of one definition value: the active pieces, and
  # whether some part was switched off by `mkIf false`.
  discharge = v:
    let tag = if isAttrs v then v._type or null else null; in
    if tag == "merge" then
      let parts = map discharge v.contents; in
      { pieces = concatMap (p: p.pieces) parts; disabled = builtins.any (p: p.disabled) parts; }
    else if tag == "if" then
      let c = tryEval v.condition; in
      if c.success && c.value == true then discharge v.content
      else { pieces = [ ]; disabled = true; }
    else { pieces = [ v ]; disabled = false; };
in
rec {
  /** The active pieces of one definition value, `mkMerge` and `mkIf`
      resolved (`mkIf false` parts left out, never evaluated), and whether
      some part was switched off. Example:
      `discharge (lib.mkMerge [ 1 (lib.mkIf false 2) ])` => `{ pieces = [ 1 ]; disabled = true; }` */
  inherit discharge;

  /** One definition piece with its `mkOverride` and `mkOrder` taken off:
      `{ priority; order; value; }`, `priority` being `defaultPrio` when
      it has none. Example:
      `splitPriority 100 (lib.mkDefault 1)` => `{ priority = 1000; order = 1000; value = 1; }` */
  inherit splitPriority;

  /** Render any value as JSON-safe data: scalars stay, paths become strings,
      functions `"<function>"`, derivations `"<derivation NAME>"`, documentation
      literals their text, values that fail `"<error>"`; below `depth` levels
      `"…"`. Example: `toData 3 { a = x: x; }` => `{ a = "<function>"; }` */
  toData = depth: v:
    let r = tryEval v; in
    if !r.success then "<error>"
    else
      let x = r.value; in
      if x == null || isBool x || isInt x || isFloat x then x
      else if isString x then builtins.unsafeDiscardStringContext x
      else if isPath x then toString x
      else if lib.trivial.isFunction x && !(isAttrs x) then "<function>"
      else if depth <= 0 then "…"
      else if isList x then map (toData (depth - 1)) x
      else if isAttrs x then
        if x.type or null == "derivation" then "<derivation ${orElse "???" (x.name or "???")}>"
        else if x ? _type && x ? text && isString x.text then x.text
        else if x ? __functor then "<function>"
        else builtins.mapAttrs (_: toData (depth - 1)) x
      else "<${typeOf x}>";

  /** Resolve module-system properties inside a definition value for display,
      lazily, down to `depth` levels: `mkIf true x`, `mkOverride p x`,
      `mkOrder p x` and `mkDefinition` show `x`; `mkIf false x` shows
      `"<mkIf false>"` without evaluating `x`; `mkMerge xs` shows the list.
      Example: `resolveProperties 3 { a = lib.mkIf false (throw "no"); }` => `{ a = "<mkIf false>"; }` */
  resolveProperties = depth: v:
    if depth <= 0 then v
    else if isAttrs v then
      let tag = v._type or null; in
      if tag == "if" then
        let c = tryEval v.condition; in
        if c.success && c.value == true then resolveProperties depth v.content else "<mkIf false>"
      else if tag == "override" || tag == "order" then resolveProperties depth v.content
      else if tag == "definition" then resolveProperties depth v.value
      else if tag == "merge" then map (resolveProperties (depth - 1)) v.contents
      else if v.type or null == "derivation" then v
      else builtins.mapAttrs (_: resolveProperties (depth - 1)) v
    else if isList v then map (resolveProperties (depth - 1)) v
    else v;

  /** Render a value as Nix-like text (`lib.generators.toPretty`), or
      `"<error>"` when it cannot be evaluated. Example: `toText [ 1 ]` => `"[\n  1\n]"` */
  toText = v:
    let r = tryEval (lib.generators.toPretty { }
      (lib.generators.withRecursion { depthLimit = 8; throwOnDepthLimit = false; } v));
    in if r.success then r.value else "<error>";

  /** The input a form offers for values of an option type, JSON-safe:
      `{ kind; }` with `kind` one of `"bool"`, `"enum"` (with `values`: each
      `{ label, value }`, `value` as `toData` gives it), `"str"` (strings
      and paths), `"int"`
      (with `min` and `max`, null when unbounded), `"list"`, `"attrs"`,
      `"nullOr"` (each with `elem`, the form of the element type) or
      `"other"` (no input: the value is shown, not edited).
      Example: `typeForm lib.types.port` => `{ kind = "int"; min = 0; max = 65535; }` */
  typeForm = type:
    let
      name = orElse "" (type.name or "");
      description = orElse "" (type.description or "");
      bounds = builtins.match ".*between (-?[0-9]+) and (-?[0-9]+) [(]both inclusive[)]" description;
      int = min: max: { kind = "int"; inherit min max; };
      nested = kind: { inherit kind; elem = typeForm (type.nestedTypes.elemType or null); };
      # Edited as text; a path option accepts the string of an absolute path.
      strings = [ "str" "nonEmptyStr" "singleLineStr" "separatedString" "path" ];
      value = v: { label = if isString v then v else toText v; value = toData 2 v; };
    in
    if !(isAttrs type) then { kind = "other"; }
    else if name == "bool" then { kind = "bool"; }
    else if name == "enum" then
      { kind = "enum"; values = orElse [ ] (map value (type.functor.payload.values or [ ])); }
    else if builtins.elem name strings || lib.hasPrefix "strMatching" name then { kind = "str"; }
    else if name == "int" then int null null
    else if name == "unsignedInt" then int 0 null
    else if name == "positiveInt" then int 1 null
    else if (name == "intBetween" || lib.hasPrefix "unsignedInt" name || lib.hasPrefix "signedInt" name) && bounds != null
    then int (builtins.fromJSON (head bounds)) (builtins.fromJSON (elemAt bounds 1))
    else if name == "listOf" then nested "list"
    else if name == "attrsOf" || name == "lazyAttrsOf" then nested "attrs"
    else if name == "nullOr" then nested "nullOr"
    else { kind = "other"; };

  /** Everything known about one evaluated option, JSON-safe:
      `name`, `loc`, `type` (description), `typeName`, `description`,
      `default` / `example` (`{ kind, text }` or null), `declarations`
      (`[{ file, line, column }]`), `definitions` (each piece as written:
      `{ file, line, column, priority, order, value, text, active, won }`),
      `isDefined`, `highestPrio`, `value` / `valueText` (merged; null with
      `error` set when it fails), `readOnly`, `internal`, `visible`, and
      `form` (`typeForm` of its type).
      Example: `optionData (lib.evalModules { … }).options.services.foo.enable` */
  optionData = opt:
    let
      name = showOption opt.loc;
      # A default or example that throws is shown as "<error>" (the rest of
      # the option, and every other option, stays readable).
      doc = v:
        if orElse false (isAttrs v && v ? _type && v ? text) then { kind = v._type; text = orElse "<error>" v.text; }
        else { kind = "value"; text = toText v; };
      declarations = orElse [ ] (map (p: position (p.file or "<unknown-file>") p) (opt.declarationPositions or
        (map (f: { file = f; line = null; column = null; }) (opt.declarations or [ ]))));
      rawDefs = orElse [ ] (opt.nixpenRawDefinitions or (map (d: d) (opt.definitionsWithLocations or [ ])));
      positions = opt.nixpenDefinitionPositions or [ ];
      hasDefault = opt ? default;
      highestPrio = orElse null (opt.highestPrio or null);
      isDefined = orElse false (opt.isDefined or false);
      posOf = i:
        let j = if hasDefault then i - 1 else i; in
        if j >= 0 && j < length positions then elemAt positions j else null;
      definitions = concatMap (i:
        let
          def = elemAt rawDefs i;
          isDefault = hasDefault && i == 0;
          d = tryEval (discharge def.value);
          pieces = if d.success then d.value.pieces else [ ];
          one = piece:
            let
              own = isAttrs piece && piece._type or null == "definition";
              p = splitPriority lib.modules.defaultOverridePriority (if own then piece.value else piece);
              file = if own then piece.file else def.file;
              shown = resolveProperties 8 p.value;
            in
            (if isDefault && declarations != [ ] then head declarations else position file (if own then null else posOf i)) // {
              inherit (p) priority order;
              value = toData 8 shown;
              text = toText shown;
              active = true;
              default = isDefault;
              won = isDefined && highestPrio != null && p.priority == highestPrio;
            };
          inactive = position def.file (posOf i) // {
            priority = null; order = null; value = null; text = if d.success then "mkIf false" else "<error>";
            active = false; default = isDefault; won = false;
          };
        in
        map one pieces ++ (if !d.success || d.value.disabled then [ inactive ] else [ ])
      ) (genList (i: i) (length rawDefs));
      merged = tryEval (builtins.deepSeq (toData 8 opt.value) opt.value);
      visible = opt.visible or true;
    in {
      inherit name definitions declarations isDefined highestPrio;
      loc = opt.loc;
      type = orElse "unspecified" (opt.type.description or "unspecified");
      typeName = orElse "unspecified" (opt.type.name or "unspecified");
      form = typeForm (opt.type or null);
      description = orElse null (opt.description or null);
      default = if opt ? defaultText then doc opt.defaultText else if hasDefault then doc opt.default else null;
      example = if opt ? example then doc opt.example else null;
      value = if merged.success then toData 8 merged.value else null;
      valueText = if merged.success then toText merged.value else null;
      error = !merged.success;
      readOnly = opt.readOnly or false;
      internal = opt.internal or false;
      visible = if isBool visible then visible else visible != false;
    };

  /** `optionData` for every option in a tree of options (the `options` of
      `evalModules`), sorted by name, skipping `_module.*` and, unless
      `internal = true`, internal options. With
      `submodules = true`, options inside submodule values (attrsOf/listOf
      submodule entries) are listed too, under their full path.
      Example: `optionsToDataWith { submodules = true; } eval.options` */
  optionsToDataWith = { submodules ? true, maxDepth ? 6, internal ? false }: options:
    let
      keep = o: !builtins.elem "_module" o.loc && (internal || !(orElse false (o.internal or false)));
      collect = depth: tree:
        let opts = filter keep (lib.attrsets.collect isOption tree); in
        concatMap (opt: [ (optionData opt) ] ++ (if submodules && depth > 0 then nested depth opt else [ ])) opts;
      nested = depth: opt:
        let meta = tryEval (opt.valueMeta or { }); in
        if meta.success then fromMeta depth meta.value else [ ];
      fromMeta = depth: meta:
        if !isAttrs meta then [ ]
        else if meta ? configuration then
          let c = tryEval meta.configuration.options; in
          if c.success then collect (depth - 1) c.value else [ ]
        else if meta ? attrs then concatMap (n: fromMeta depth meta.attrs.${n}) (attrNames meta.attrs)
        else if meta ? list then concatMap (fromMeta depth) meta.list
        else if meta ? attrList then concatMap (fromMeta depth) meta.attrList
        else [ ];
    in
    builtins.sort (a: b: a.name < b.name) (collect maxDepth options);

  /** `optionsToDataWith { }`: all options, submodule entries included.
      Example: `builtins.toJSON (lib.nixpen.optionsToData eval.options)` */
  optionsToData = optionsToDataWith { };

  /** Why options have their values and where rendered lines come from
      (nixpen-explain.nix: with the files real configurations need, in the
      browser fetched after the first outputs; see nixpen_nixos::extra). */
  explain = import ./nixpen-explain.nix { inherit lib; };
}
