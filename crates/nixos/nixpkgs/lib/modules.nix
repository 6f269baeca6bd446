# The module system: collecting modules, merging option declarations and
# definitions, and the properties (mkIf, mkMerge, mkOverride, mkOrder) that
# shape definitions.
#
# The pipeline of `evalModules`:
#   1. collect: load every module (call functions with their arguments,
#      normalise the shorthand), follow `imports`, drop `disabledModules`;
#   2. merge: walk the option tree; at each option gather its declarations
#      (mergeOptionDecls) and definitions, then mergeDefinitions: discharge
#      mkIf/mkMerge, keep the highest priority, sort by mkOrder, check the
#      type and merge;
#   3. check: definitions that match no option are an error unless a
#      freeformType takes them or `_module.check` is false.
{ lib }:
let
  inherit (builtins) isAttrs isList isString isBool attrNames length head tail filter concatMap
    concatLists mapAttrs foldl' elem typeOf addErrorContext unsafeGetAttrPos zipAttrsWith
    catAttrs genericClosure seq substring;
  inherit (lib.trivial) isFunction functionArgs id warn warnIf throwIfNot;
  inherit (lib.lists) last init reverseList optional take sortOn;
  inherit (lib.attrsets) attrByPath setAttrByPath getAttrFromPath mapAttrsToList recursiveUpdate
    optionalAttrs zipAttrs;
  inherit (lib.strings) concatStringsSep optionalString isConvertibleWithToString escapeNixString;
  inherit (lib.options) isOption mkOption showDefs showFiles showOption unknownModule;
  types = lib.types;

  # ---------------------------------------------------------------- properties

  /** Define `content` only when `condition` (a boolean) holds.
      Example: `config = mkIf cfg.enable { networking.firewall.enable = true; }` */
  mkIf = condition: content: { _type = "if"; inherit condition content; };

  /** `mkIf` that throws "Failed assertion" when the assertion fails.
      Example: `mkAssert (x > 0) "x must be positive" { … }` */
  mkAssert = assertion: message: content:
    mkIf (if assertion then true else throw "\nFailed assertion: ${message}") content;

  /** Several definitions as one. Example: `mkMerge [ { a = 1; } (mkIf c { b = 2; }) ]` */
  mkMerge = contents: { _type = "merge"; inherit contents; };

  /** A definition carrying its own `file` (and value), for generated modules.
      Example: `mkDefinition { file = "generated"; value = 1; }` */
  mkDefinition = args@{ file, value, ... }: args // { _type = "definition"; };

  /** A definition with an explicit priority (lower wins).
      Example: `mkOverride 900 "x"` */
  mkOverride = priority: content: { _type = "override"; inherit priority content; };

  /** The priority of a definition without mkOverride (lower wins). Example: `defaultOverridePriority` => `100` */
  defaultOverridePriority = 100;

  /** The mkOrder priority of a definition without mkOrder. Example: `defaultOrderPriority` => `1000` */
  defaultOrderPriority = 1000;

  /** Priority 1500: the priority of option defaults. Example: `mkOptionDefault 1` */
  mkOptionDefault = mkOverride 1500;
  /** Priority 1000: a default meant to be overridden. Example: `mkDefault true` */
  mkDefault = mkOverride 1000;
  /** Priority 60, used by image-building profiles. Example: `mkImageMediaOverride "x"` */
  mkImageMediaOverride = mkOverride 60;
  /** Priority 50: wins over ordinary definitions. Example: `mkForce false` */
  mkForce = mkOverride 50;
  /** Priority 10, used by `nixos-rebuild build-vm`. Example: `mkVMOverride 1` */
  mkVMOverride = mkOverride 10;

  /** Place a definition in merged lists/strings by order priority (default 1000).
      Example: `mkOrder 500 [ "first" ]` */
  mkOrder = priority: content: { _type = "order"; inherit priority content; };
  /** Order priority 500. Example: `mkBefore [ "x" ]` */
  mkBefore = mkOrder 500;
  /** Order priority 1500. Example: `mkAfter [ "x" ]` */
  mkAfter = mkOrder 1500;

  /** Deprecated no-op. */
  mkFixStrictness = warn "lib.mkFixStrictness has no effect and will be removed. It returns its argument unmodified, so you can just remove any calls." id;

  /** Apply `f` to the value inside any property wrappers.
      Example: `mapDefinitionValue (x: x + 1) (mkIf true 1)` => `mkIf true 2` */
  mapDefinitionValue = f: def:
    let tag = def._type or null; in
    if tag == "merge" then def // { contents = map (mapDefinitionValue f) def.contents; }
    else if tag == "if" || tag == "override" || tag == "order" then def // { content = mapDefinitionValue f def.content; }
    else if tag == "definition" then def // { value = mapDefinitionValue f def.value; }
    else f def;

  /** Move mkMerge/mkIf/mkOverride of an attrset down onto its attributes,
      giving a list of plain attrsets.
      Example: `pushDownProperties (mkIf c { a = 1; })` => `[ { a = mkIf c 1; } ]` */
  pushDownProperties = cfg: map (r: r.config) (pushDownWithSources cfg);

  # Nixpen: `pushDownProperties`, each result paired with the attrset as
  # written (`source`), whose attributes still carry source positions.
  pushDownWithSources = cfg:
    let
      tag = cfg._type or "";
      onAttrs = f: v: if isAttrs v then mapAttrs f v else v;
      wrap = f: r: { config = onAttrs f r.config; inherit (r) source; };
    in
    if tag == "merge" then concatMap pushDownWithSources cfg.contents
    else if tag == "if" then map (wrap (_: v: mkIf cfg.condition v)) (pushDownWithSources cfg.content)
    else if tag == "override" then map (wrap (_: v: mkOverride cfg.priority v)) (pushDownWithSources cfg.content)
    else [ { config = cfg; source = cfg; } ];

  /** Resolve mkMerge and mkIf of one definition into a list of values.
      Example: `dischargeProperties (mkMerge [ 1 (mkIf false 2) ])` => `[ 1 ]` */
  dischargeProperties = def:
    let tag = def._type or ""; in
    if tag == "merge" then concatMap dischargeProperties def.contents
    else if tag == "if" then
      if isBool def.condition then (if def.condition then dischargeProperties def.content else [ ])
      else throw "‘mkIf’ called with a non-Boolean condition"
    else [ def ];

  /** Keep the definitions of the best (lowest) priority, unwrapping
      mkOverride: `{ values, highestPrio }`.
      Example: `(filterOverrides' [ { file = "a"; value = mkForce 1; } { file = "b"; value = 2; } ]).highestPrio` => `50` */
  filterOverrides' = defs:
    let
      prioOf = def: if def.value._type or "" == "override" then def.value.priority else defaultOverridePriority;
      unwrap = def: if def.value._type or "" == "override" then def // { value = def.value.content; } else def;
    in
    if length defs == 1 then { values = map unwrap defs; highestPrio = prioOf (head defs); }
    else
      let best = foldl' (p: def: lib.trivial.min (prioOf def) p) 9999 defs; in
      { values = concatMap (def: if prioOf def == best then [ (unwrap def) ] else [ ]) defs; highestPrio = best; };

  /** The `values` of `filterOverrides'`.
      Example: `filterOverrides [ { file = "a"; value = mkDefault 1; } { file = "b"; value = 2; } ]` => `[ { file = "b"; value = 2; } ]` */
  filterOverrides = defs: (filterOverrides' defs).values;

  /** Sort definitions by mkOrder priority (stably) and unwrap mkOrder.
      Example: `map (d: d.value) (sortProperties [ { value = 1; } { value = mkBefore 0; } ])` => `[ 0 1 ]` */
  sortProperties = defs:
    let
      unwrap = def: if def.value._type or "" == "order" then def // { value = def.value.content; inherit (def.value) priority; } else def;
    in
    builtins.sort (a: b: (a.priority or defaultOrderPriority) < (b.priority or defaultOrderPriority)) (map unwrap defs);

  # ---------------------------------------------------------------- merging

  # The winning definitions of `defs` (`{ values, highestPrio }`): mkIf and
  # mkMerge discharged, the best priority kept, sorted by mkOrder.
  generalDefsFinal = defs:
    let
      normalized = concatMap (m:
        map (value: if value._type or null == "definition" then value else { inherit (m) file; inherit value; })
          (addErrorContext "while evaluating definitions from `${m.file}':" (dischargeProperties m.value))
      ) defs;
      filtered = filterOverrides' normalized;
    in {
      values =
        if builtins.any (def: def.value._type or "" == "order") filtered.values
        then sortProperties filtered.values else filtered.values;
      inherit (filtered) highestPrio;
    };

  /** Merge the definitions `defs` (`{ file, value }`) of the option at `loc`
      with `type`. Returns `mergedValue`, `isDefined`, `optionalValue`,
      `defsFinal` (winning definitions), `defsFinal'` (with `highestPrio`) and
      `checkedAndMerged` (`{ headError, value, valueMeta }`).
      Example: `(mergeDefinitions [ "x" ] types.int [ { file = "f"; value = 1; } ]).mergedValue` => `1` */
  mergeDefinitions = loc: type: defs: rec {
    # The common shapes are taken without the general machinery
    # (`generalDefsFinal`): one plain definition; one `mkOverride` (an
    # option's default alone); an override below the normal priority (such
    # as the default) and then one plain definition, which wins. Each forces
    # the same values in the same order as the general path.
    defsFinal' =
      let
        n = length defs;
        d0 = head defs;
        # The `_type` of a definition's value, or null when it has none.
        tag0 = definitionTag d0;
      in
      if n == 1 then
        if tag0 == null then { values = defs; highestPrio = defaultOverridePriority; }
        else if tag0 == "override" then {
          values =
            if d0.value.content._type or "" == "order" then (generalDefsFinal defs).values
            else [ { inherit (d0) file; value = d0.value.content; } ];
          highestPrio = d0.value.priority;
        }
        else generalDefsFinal defs
      else if n == 2 && tag0 == "override" then
        let
          d1 = builtins.elemAt defs 1;
          tag1 = definitionTag d1;
        in
        if tag1 == null && d0.value.priority > defaultOverridePriority then
          { values = [ { inherit (d1) file; inherit (d1) value; } ]; highestPrio = defaultOverridePriority; }
        else generalDefsFinal defs
      else generalDefsFinal defs;

    defsFinal = defsFinal'.values;

    mergedValue =
      if isDefined then mergeFinal loc type defsFinal checked
      else if type.emptyValue ? value then type.emptyValue.value
      else throw "The option `${showOption loc}' was accessed but has no value defined. Try setting the option.";

    checkedAndMerged =
      if type.merge ? v2 then checked // { valueMeta = checked.valueMeta // { _internal = { inherit type; }; }; }
      else { headError = null; value = mergedValue; valueMeta = { }; };

    # The v2 merge's result as `mergedValue` reads it, without the
    # `valueMeta` added above: checked to have `headError` and `value` and
    # nothing but these and `valueMeta` (which, missing, fails only when
    # read, as when the check is made after `valueMeta` is added).
    checked = checkV2 loc type defsFinal;

    isDefined = defsFinal != [ ];
    optionalValue = if isDefined then { value = mergedValue; } else { };
  };

  # The merged value of the winning definitions `defs` (not empty) of the
  # option at `loc`, or the error of the first one not of `type`.
  # `checked` is `checkV2 loc type defs`, read only for a v2 merge.
  mergeFinal = loc: type: defs: checked:
    if type.merge ? v2 then
      if checked.headError or null != null then
        throw "A definition for option `${showOption loc}' is not of type `${type.description}'. TypeError: ${checked.headError.message}"
      else checked.value
    else if builtins.all (def: type.check def.value) defs then type.merge loc defs
    else
      let bad = filter (def: !type.check def.value) defs; in
      throw "A definition for option `${showOption loc}' is not of type `${type.description}'. Definition values:${showDefs bad}";

  # The v2 merge of `defs` by `type`, checked to have `headError` and
  # `value` and nothing but these and `valueMeta` (which, missing, fails
  # only when read, as when the check is made after `valueMeta` is added).
  checkV2 = loc: type: defs:
    ({ headError, value, valueMeta ? null }@r: r) (requireV2Coherence loc type (type.merge.v2 { inherit loc defs; }));

  # `(mergeDefinitions loc type [ (mkOptionDefault default) ]).mergedValue`
  # (the value of an option with no definition but its default, from
  # `file`), without mergeDefinitions' bookkeeping when the default is not
  # an `mkOrder`.
  mergeDefault = loc: type: file: default:
    if default._type or "" == "order" then (mergeDefinitions loc type [ { inherit file; value = mkOptionDefault default; } ]).mergedValue
    else
      let defs = [ { inherit file; value = default; } ]; in
      mergeFinal loc type defs (checkV2 loc type defs);

  # The `_type` of a definition's value (null when it has none), with the
  # error context of its file.
  definitionTag = def: addErrorContext "while evaluating definitions from `${def.file}':" (def.value._type or null);

  requireV2Coherence = loc: type: result:
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
      Alternatively, this message may also occur as false positive when mixing Nixpkgs
      versions, if one Nixpkgs is between 83fed2e6..58696117 (Aug 28 - Oct 28 2025)
    '';

  /** Combine several declarations (`{ _file, pos, options }`) of the option at
      `loc` into one option, merging types and collecting sub-modules.
      Example: `mergeOptionDecls [ "x" ] [ { _file = "f"; pos = null; options = mkOption { }; } ]` */
  mergeOptionDecls = loc: opts:
    foldl' (res: opt:
      let
        alreadyDeclared = "The option `${showOption loc}' in `${opt._file}' is already declared in ${showFiles res.declarations}.";
        typeAttrs =
          if opt.options ? type && res ? type then
            let merged = res.type.typeMerge opt.options.type.functor; in
            if merged != null then { type = merged; } else throw alreadyDeclared
          else { };
        both = k: opt.options ? ${k} && res ? ${k};
        subModules = opt.options.type.getSubModules or null;
      in
      if both "default" || both "example" || both "description" || both "apply" then throw alreadyDeclared
      else
        opt.options // res // {
          declarations = res.declarations ++ [ opt._file ];
          declarationPositions = res.declarationPositions ++ [ (declarationPosition opt) ];
          options = if subModules != null then map (setDefaultModuleLocation opt._file) subModules ++ res.options else res.options;
        } // typeAttrs
    ) { inherit loc; declarations = [ ]; declarationPositions = [ ]; options = [ ]; } opts;

  # Where a declaration (`{ _file, pos, options }`) is: its position, or
  # its file when the position is unknown.
  declarationPosition = decl: if decl.pos != null then decl.pos else { file = decl._file; line = null; column = null; };

  /** Give a merged option declaration its final type: `unspecified` when
      none was given; submodule types receive the modules of all declarations.
      Example: `(fixupOptionType [ "x" ] { options = [ ]; }).type.name` => `"unspecified"` */
  fixupOptionType = loc: opt:
    if opt.type.getSubModules or null == null then opt // { type = opt.type or types.unspecified; }
    else opt // { type = opt.type.substSubModules opt.options; options = [ ]; };

  /** Evaluate one option: add its default, merge definitions, apply `apply`,
      and return the option with `value`, `isDefined`, `definitions`, `files`,
      `definitionsWithLocations`, `highestPrio` and `valueMeta`.
      Example: `(evalOptionValue [ "x" ] (mkOption { default = 1; }) [ ]).value` => `1` */
  evalOptionValue = loc: opt: defs: optionWithValue loc opt opt.type opt.declarations defs { };

  # `evalOptionValue` with the option in parts: `attrs` (the declaration's
  # attributes: `default`, `apply`, `readOnly`, …), its final `type` and
  # `declarations`. The result is `attrs` with the value's attributes and
  # `extra` added: one copy of the declaration however many parts it has.
  optionWithValue = loc: attrs: type: declarations: defs: extra:
    let
      withDefault =
        # (`mkOptionDefault attrs.default`, written out.)
        if attrs ? default then [ { file = head declarations; value = { _type = "override"; priority = 1500; content = attrs.default; }; } ] ++ defs
        else defs;
      res =
        if attrs.readOnly or false && length withDefault > 1 then
          let each = map (def: def // { value = (mergeDefinitions loc type [ def ]).mergedValue; }) withDefault; in
          throw "The option `${showOption loc}' is read-only, but it's set multiple times. Definition values:${showDefs each}"
        else mergeDefinitions loc type withDefault;
      value = if attrs ? apply then attrs.apply res.mergedValue else res.mergedValue;
      # The declaration, with the deprecation warning of its type given when
      # it is read (without a call for the usual type that is not deprecated).
      declared =
        if type.deprecationMessage != null then
          warn "The type `types.${type.name}' of option `${showOption loc}' defined in ${showFiles declarations} is deprecated. ${type.deprecationMessage}" attrs
        else attrs;
    in
    declared // ({
      value = addErrorContext "while evaluating the option `${showOption loc}':" value;
      inherit (res.defsFinal') highestPrio;
      definitions = map (def: def.value) res.defsFinal;
      files = map (def: def.file) res.defsFinal;
      definitionsWithLocations = res.defsFinal;
      inherit (res) isDefined;
      inherit (res.checkedAndMerged) valueMeta;
      # Nixpen: every definition as written (before priorities), for provenance.
      nixpenRawDefinitions = withDefault;
      __toString = _: showOption loc;
    } // extra);

  # `optionWithValue` as one of `mergeModules'`'s results: the option's
  # record (`matchedOptions`), the value `config` reads (`matchedValue`) and
  # no unmatched definitions. The value of an option with nothing but its
  # default (most options), or with one plain definition, which wins over
  # its default, is the record's `value` made without building the record;
  # any other is read from the record (which, for a deprecated type, gives
  # the type's warning).
  optionResult = loc: attrs: type: declarations: defs: extra:
    let option = optionWithValue loc attrs type declarations defs extra; in
    {
      matchedOptions = option;
      matchedValue =
        if type.deprecationMessage != null || attrs ? apply then option.value
        else if defs == [ ] then
          if attrs ? default then
            addErrorContext "while evaluating the option `${showOption loc}':" (mergeDefault loc type (head declarations) attrs.default)
          else option.value
        else if length defs == 1 && !(attrs.readOnly or false && attrs ? default) && definitionTag (head defs) == null then
          addErrorContext "while evaluating the option `${showOption loc}':" (mergeFinal loc type defs (checkV2 loc type defs))
        else option.value;
      unmatchedDefns = [ ];
    };

  /** Merge a list of collected modules at `prefix`: `{ matchedOptions, matchedValues, unmatchedDefns, hasUnmatched }`. */
  mergeModules = prefix: modules:
    mergeModules' prefix modules
      (concatMap (m: map (r: { file = m._file; inherit (r) config source; }) (pushDownWithSources m.config)) modules);

  /** `mergeModules` with the definitions `configs` (`{ file, config }`) given. */
  mergeModules' = prefix: modules: configs:
    let
      # The declarations of each name (`{ _file, pos, options }`), each
      # module's in a set; zipped by resultsByName.
      declsOfModules = map (module:
        let subtree = module.options; in
        if !isAttrs subtree then
          throw ''
            An option declaration for `${concatStringsSep "." prefix}' has type
            `${typeOf subtree}' rather than an attribute set.
            Did you mean to define this outside of `options'?
          ''
        else mapAttrs (n: option: { inherit (module) _file; pos = unsafeGetAttrPos n subtree; options = option; }) subtree
      ) modules;

      checkedConfigs =
        assert builtins.all (c: isAttrs c.config || throw ''
          In module `${c.file}', you're trying to define a value of type `${typeOf c.config}'
          rather than an attribute set for the option
          `${concatStringsSep "." prefix}'!

          This usually happens if `${concatStringsSep "." prefix}' has option
          definitions inside that are not matched. Please check how to properly define
          this option by e.g. referring to `man 5 configuration.nix'!
        '') configs;
        configs;

      # Definitions one level down, properties pushed onto the attributes.
      # (A value without properties is its own single definition.)
      pushedDefsByName = zipAttrsWith (n: concatLists) (map (module:
        mapAttrs (n: value:
          if isAttrs value && value ? _type then
            map (r: { inherit (module) file; inherit (r) config source; }) (pushDownWithSources value)
          else [ { inherit (module) file; config = value; source = value; } ]
        ) module.config
      ) checkedConfigs);

      # Definitions one level down as written.
      rawDefsByName = zipAttrs (map (module:
        mapAttrs (n: value: { inherit (module) file; inherit value; }) module.config
      ) checkedConfigs);

      # Nixpen: the source position of each raw definition (null when unknown),
      # in the same order as rawDefsByName. Kept apart so definitions stay
      # `{ file, value }` records as code that destructures them expects.
      rawPositionsByName = zipAttrs (map (module:
        mapAttrs (n: _: if isAttrs (module.source or null) then unsafeGetAttrPos n module.source else null) module.config
      ) checkedConfigs);

      # Evaluate a matched option and attach the Nixpen provenance data (an
      # `optionResult`).
      evalMatched = loc: name: opt:
        optionResult loc opt opt.type opt.declarations (rawDefsByName.${name} or [ ])
          { nixpenDefinitionPositions = rawPositionsByName.${name} or [ ]; };

      # A plain attrset of options next to a submodule option: make it a submodule option too.
      asSubmoduleOption = decl:
        if isOption decl.options then decl
        else decl // {
          options = mkOption {
            type = types.submoduleWith { modules = [ { options = decl.options; } ]; shorthandOnlyDefinesConfig = null; };
          };
        };

      # Whether `decl` declares an option (rather than options below it).
      isOptionDecl = loc: decl:
        decl.options._type or null == "option" || (decl.options ? _type && throwDeclarationTypeError loc decl.options._type decl._file);

      # The result for a name declared once (most names): no list to
      # filter; for an option, what mergeOptionDecls and fixupOptionType
      # give for it, added to the declaration in one copy.
      resultOfOne = name: decl:
        let loc = prefix ++ [ name ]; in
        # `isOptionDecl`, written out.
        if decl.options._type or null == "option" then
          let
            attrs = decl.options;
            subModules = attrs.type.getSubModules or null;
            type =
              if subModules == null then attrs.type or types.unspecified
              else attrs.type.substSubModules (map (setDefaultModuleLocation decl._file) subModules);
            declarations = [ decl._file ];
          in
          optionResult loc attrs type declarations (rawDefsByName.${name} or [ ]) {
            inherit loc type declarations;
            declarationPositions = [ (declarationPosition decl) ];
            options = [ ];
            nixpenDefinitionPositions = rawPositionsByName.${name} or [ ];
          }
        else if decl.options ? _type then throwDeclarationTypeError loc decl.options._type decl._file
        else mergeModules' loc [ decl ] (pushedDefsByName.${name} or [ ]);

      resultsByName = zipAttrsWith (name: decls:
        if length decls == 1 then resultOfOne name (head decls) else
        let
          loc = prefix ++ [ name ];
          defns = pushedDefsByName.${name} or [ ];
          optionDecls = filter (isOptionDecl loc) decls;
        in
        if length optionDecls == length decls then
          evalMatched loc name (fixupOptionType loc (mergeOptionDecls loc decls))
        else if optionDecls != [ ] then
          if builtins.all (x: x.options.type.name or null == "submodule") optionDecls then
            evalMatched loc name (fixupOptionType loc (mergeOptionDecls loc (map asSubmoduleOption decls)))
          else
            let nonOptions = filter (m: !isOption m.options) decls; in
            throw "The option `${showOption loc}' in module `${(head optionDecls)._file}' would be a parent of the following options, but its type `${(head optionDecls).options.type.description or "<no description>"}' does not support nested options.\n${showRawDecls loc nonOptions}"
        else mergeModules' loc decls defns
      ) declsOfModules;

      matchedOptions = mapAttrs (n: v: v.matchedOptions) resultsByName;
      # Nixpen: what `config` is made of, the options' values in the same
      # tree (`mapAttrsRecursiveCond (v: !isOption v) (_: v: v.value)
      # matchedOptions`, without building the options' records).
      matchedValues = mapAttrs (n: v: v.matchedValue or v.matchedValues) resultsByName;
      # Nixpen: each undeclared definition carries its source position
      # (`nixpenPosition`), for messages that name its line.
      unmatchedByName = mapAttrs (n: v: v.unmatchedDefns) resultsByName
        // mapAttrs (n: defs: lib.lists.zipListsWith (def: pos: def // { nixpenPosition = pos; }) defs rawPositionsByName.${n})
          (removeAttrs rawDefsByName (attrNames matchedOptions));
    in
    {
      inherit matchedOptions matchedValues;
      unmatchedDefns =
        if configs == [ ] then [ ]
        else concatLists (mapAttrsToList (name: defs:
          map (def: def // { prefix = [ name ] ++ (def.prefix or [ ]); }) defs) unmatchedByName);
      # Nixpen: whether `unmatchedDefns` is not empty, without building it
      # (what `evalModules` checks on every evaluation). Every declared name
      # is looked at all the same, as building the list does, so an error
      # in a declaration shows as it would: `catAttrs` evaluates each result,
      # `deepSeq` each nested flag (without a function call per name).
      hasUnmatched =
        configs != [ ]
        && (
          let
            undeclared = removeAttrs rawDefsByName (attrNames resultsByName) != { };
            nested = catAttrs "hasUnmatched" (builtins.attrValues resultsByName);
          in
          seq undeclared (builtins.deepSeq nested (undeclared || elem true nested)));
    };

  showRawDecls = loc: decls:
    concatStringsSep "\n" (builtins.sort (a: b: a < b) (concatMap (decl:
      map (p: " - option(s) with prefix `${showOption (loc ++ [ p ])}' in module `${decl._file}'") (attrNames decl.options)
    ) decls));

  throwDeclarationTypeError = loc: actualTag: file:
    let
      name = lib.strings.escapeNixIdentifier (last loc);
      comment = optionalString (length loc > 1) "\n    # ${showOption loc}";
      paragraphs = [
        "In module ${file}: expected an option declaration at option path `${showOption loc}` but got an attribute set with type ${actualTag}"
      ] ++ optional (actualTag == "option-type") ''
        When declaring an option, you must wrap the type in a `mkOption` call. It should look somewhat like:
            ${comment}
            ${name} = lib.mkOption {
              description = ...;
              type = <the type you wrote for ${name}>;
              ...
            };
      '';
    in throw (concatStringsSep "\n\n" paragraphs);

  /** For an `attrsOf`/`lazyAttrsOf` option, each attribute's merged value and
      best priority: `{ name = { value; highestPrio; }; }`.
      Example: `mergeAttrDefinitionsWithPrio options.environment.etc` */
  mergeAttrDefinitionsWithPrio = opt:
    let
      byAttr = zipAttrs (concatLists (concatMap ({ value, ... }@def:
        map (mapAttrsToList (k: v: { ${k} = def // { value = v; }; })) (pushDownProperties value)
      ) opt.definitionsWithLocations));
    in
    assert opt.type.name == "attrsOf" || opt.type.name == "lazyAttrsOf";
    mapAttrs (k: v:
      let m = mergeDefinitions (opt.loc ++ [ k ]) opt.type.nestedTypes.elemType v; in
      { value = m.mergedValue; inherit (m.defsFinal') highestPrio; }) byAttr;

  # ---------------------------------------------------------------- collecting

  /** A module importing `m` whose definitions are attributed to `file`.
      Example: `setDefaultModuleLocation "my-file" { x = 1; }` */
  setDefaultModuleLocation = file: m: { _file = file; imports = [ m ]; };

  /** Normalise a module attrset to `{ _file, _class, key, disabledModules,
      imports, options, config }`, accepting the config-only shorthand.
      Example: `(unifyModuleSyntax "f" "k" { a = 1; }).config` => `{ a = 1; }` */
  unifyModuleSyntax = file: key: m:
    let
      # `config` with the module's `freeformType` (and, `withMeta`, its
      # `meta`) added as definitions when it has them.
      addExtras = withMeta: config:
        let config' = if withMeta && m ? meta then mkMerge [ config { meta = m.meta; } ] else config; in
        if m ? freeformType then mkMerge [ config' { _module.freeformType = m.freeformType; } ] else config';
    in
    if m ? config || m ? options then
      let extra = removeAttrs m [ "_class" "_file" "key" "disabledModules" "imports" "options" "config" "meta" "freeformType" ]; in
      if extra != { } then
        throw "Module `${key}' has an unsupported attribute `${head (attrNames extra)}'. This is caused by introducing a top-level `config' or `options' attribute. Add configuration attributes immediately on the top level instead, or move all of them (namely: ${toString (attrNames extra)}) into the explicit `config' attribute."
      else {
        _file = toString m._file or file;
        _class = m._class or null;
        key = toString m.key or key;
        disabledModules = m.disabledModules or [ ];
        imports = m.imports or [ ];
        options = m.options or { };
        config = addExtras true (m.config or { });
      }
    else
      throwIfNot (isAttrs m) "module ${file} (${key}) does not look like a module." {
        _file = toString m._file or file;
        _class = m._class or null;
        key = toString m.key or key;
        disabledModules = m.disabledModules or [ ];
        imports = m.require or [ ] ++ m.imports or [ ];
        options = { };
        config = addExtras false (removeAttrs m [ "_class" "_file" "key" "disabledModules" "require" "imports" "freeformType" ]);
      };

  /** Call a module function with its arguments; other modules pass through.
      Example: `applyModuleArgsIfFunction "k" { } { config = { }; }` => `{ }` */
  applyModuleArgsIfFunction = key: f: args@{ config, ... }:
    if isFunction f then applyModuleArgs key f args else f;

  /** Call a module function; arguments not given directly come from
      `config._module.args`, each with an error context naming it.
      Example: `applyModuleArgs "k" ({ x, ... }: x) { config._module.args.x = 1; }` => `1` */
  applyModuleArgs = key: f: args@{ config, ... }:
    let
      context = name: ''while evaluating the module argument `${name}' in "${key}":'';
      extraArgs = mapAttrs (name: _:
        addErrorContext (context name) (args.${name} or (addErrorContext
          "noting that argument `${name}` is not externally provided, so querying `_module.args` instead, requiring `config`"
          config._module.args.${name}))
      ) (functionArgs f);
    in f (args // extraArgs);

  /** Load modules and their imports (minus disabled ones) for a class:
      `collectModules class modulesPath modules args` gives `{ modules, graph }`.
      Example: `(collectModules null "" [ { } ] { config = { }; }).modules` */
  collectModules = class:
    let
      # (Nixpen: the modules of this tree are there; only others are looked for.)
      nixpkgsRoot = toString ../. + "/";
      nixpkgsRootLength = builtins.stringLength nixpkgsRoot;
      loadModule = args: fallbackFile: fallbackKey: m:
        if isFunction m then unifyModuleSyntax fallbackFile fallbackKey (applyModuleArgs fallbackKey m args)
        else if isAttrs m then
          if m._type or "module" == "module" then unifyModuleSyntax fallbackFile fallbackKey m
          else if m._type == "if" || m._type == "override" then loadModule args fallbackFile fallbackKey { config = m; }
          else throw (messages.notAModule { inherit fallbackFile; value = m; _type = m._type; expectedClass = class; prefix = args._prefix; })
        else if isList m then
          throw "Module imports can't be nested lists. Perhaps you meant to remove one level of lists? Definitions: ${showDefs [ { file = fallbackFile; value = m; } ]}"
        # Nixpen: a file that is not there (`./hardware-configuration.nix`
        # not pasted into the playground) is an empty module, marked (see
        # `toGraph`), that lists itself in NixOS's `nixpen.missingImports`
        # so that the configuration warns about it.
        else if (builtins.isPath m || (isString m && substring 0 1 m == "/"))
          && substring 0 nixpkgsRootLength (toString m) != nixpkgsRoot && !(builtins.pathExists m) then
          unifyModuleSyntax (toString m) (toString m) {
            config.nixpen.missingImports = [ {
              file = toString m;
              importedBy = if fallbackFile == unknownModule then "the configuration" else toString fallbackFile;
            } ];
          } // { nixpenMissing = true; }
        else unifyModuleSyntax (toString m) (toString m) (applyModuleArgsIfFunction (toString m) (import m) args);

      checkClass =
        if class == null then m: m
        else m:
          if m._class == null || m._class == class then m
          else throw ''
            The module `${m._file or m.key}` (class: ${escapeNixString m._class}) cannot be imported into a module evaluation that expects class ${escapeNixString class}.

            Help:
            - Ensure that you are importing the correct module.
            - Verify that the module's `_class`, ${escapeNixString m._class} matches the expected `class` ${escapeNixString class}.
            - If you are using a custom class, make sure it is correctly defined and used consistently across your modules.
          '';

      isDisabled = modulesPath: disabledList:
        let
          keyOf = file: m:
            if isString m then (if substring 0 1 m == "/" then m else toString modulesPath + "/" + m)
            else if isConvertibleWithToString m then
              if m ? key && m.key != toString m then
                throw "Module `${file}` contains a disabledModules item that is an attribute set that can be converted to a string (${toString m}) but also has a `.key` attribute (${m.key}) with a different value. This makes it ambiguous which module should be disabled."
              else toString m
            else if m ? key then m.key
            else if isAttrs m then
              throw "Module `${file}` contains a disabledModules item that is an attribute set, presumably a module, that does not have a `key` attribute. This means that the module system doesn't have any means to identify the module that should be disabled. Make sure that you've put the correct value in disabledModules: a string path relative to modulesPath, a path value, or an attribute set with a `key` attribute."
            else
              throw "Each disabledModules item must be a path, string, or a attribute set with a key attribute, or a value supported by toString. However, one of the disabledModules items in `${toString file}` is none of that, but is of type ${typeOf m}.";
          disabledKeys = concatMap ({ file, disabled }: map (keyOf file) disabled) disabledList;
        in s: elem s.key disabledKeys;

      # A tree of { key, module, modules (imports), disabled (lists of disabledModules) }.
      collectTree = parentFile: parentKey: initial: args:
        if initial == [ ] then { modules = [ ]; disabled = [ ]; } else
        let
          nodes = builtins.genList (i:
            let
              x = builtins.elemAt initial i;
              module = checkClass (loadModule args parentFile "${parentKey}:anon-${toString (i + 1)}" x);
              sub = collectTree module._file module.key module.imports args;
            in {
              inherit (module) key;
              inherit module;
              modules = sub.modules;
              disabled = (if module.disabledModules != [ ] then [ { file = module._file; disabled = module.disabledModules; } ] else [ ])
                ++ sub.disabled;
            }) (length initial);
        in { modules = nodes; disabled = concatLists (catAttrs "disabled" nodes); };

      flatten = modulesPath: { disabled, modules }:
        let
          off = isDisabled modulesPath disabled;
          keep = if disabled == [ ] then modules: modules else filter (s: !off s);
        in
        map (s: s.module) (genericClosure { startSet = keep modules; operator = s: keep s.modules; });

      toGraph = modulesPath: { disabled, modules }:
        let
          off = isDisabled modulesPath disabled;
          node = s: { disabled = off s; inherit (s) key; file = s.module._file; imports = map node s.modules; }
            // optionalAttrs (s.module.nixpenMissing or false) { nixpenMissing = true; };
        in map node (filter (s: s.key != "lib/modules.nix") modules);
    in
    modulesPath: initial: args:
      let tree = collectTree unknownModule "" initial args; in {
        modules = flatten modulesPath tree;
        graph = toGraph modulesPath tree;
      };

  messages =
    let
      esc = builtins.fromJSON "\"\\u001b\"";
      warnText = s: "${esc}[1;35m${s}${esc}[0m";
      good = s: "${esc}[1;32m${s}${esc}[0m";
      code = s: "${esc}[1m${s}${esc}[0m";
      trim = lib.strings.trim;
      paragraphs = lib.strings.concatMapStringsSep "\n\n" trim;
      lines = lib.strings.concatMapStringsSep "\n" trim;
      pick = cases: v: if isString v && cases ? ${v} then [ cases.${v} ] else [ ];
      intoFile = file: optionalString (file != null && file != unknownModule) ", while trying to load a module into ${toString file}";
      intoPrefix = prefix: optionalString (prefix != [ ]) ", while trying to load a module into ${code (showOption prefix)}";
    in {
      notAModule = { fallbackFile, value, _type, expectedClass ? null, prefix }:
        paragraphs ([
          ''
            Expected a module, but found a value of type ${warnText (escapeNixString _type)}${intoFile fallbackFile}${intoPrefix prefix}.
            A module is typically loaded by adding it to the ${code "imports = [ ... ];"} attribute of an existing module, or in the ${code "modules = [ ... ];"} argument of various functions.
            Please make sure that each of the list items is a module, and not a different kind of value.
          ''
        ] ++ pick {
          configuration = trim ''
            If you really mean to import this configuration, instead please only import the modules that make up the configuration.
            You may have to create a `let` binding, file or attribute to give yourself access to the relevant modules.
            While loading a configuration into the module system is a very sensible idea, it can not be done cleanly in practice.
          '';
          flake = lines ([
            (trim ''
              Perhaps you forgot to select an attribute name?
              Instead of, for example,
                  ${warnText "inputs.someflake"}
              you need to write something like
                  ${warnText "inputs.someflake"}${if expectedClass == null then good ".modules.someApp.default" else good ".modules.${expectedClass}.default"}
            '')
          ] ++ pick {
            nixos = trim ''
              or
                  ${warnText "inputs.someflake"}${good ".nixosModules.default"}
            '';
            darwin = trim ''
              or
                  ${warnText "inputs.someflake"}${good ".darwinModules.default"}
            '';
          } expectedClass);
        } _type);
    };

  # The options every `evalModules` declares under `_module`: the same
  # values for each evaluation (nested ones mark `_module.args` internal),
  # so their types are built once, not once per submodule.
  internalOptions =
    let
      declare = nested: {
        _module.args = mkOption {
          type = types.lazyAttrsOf types.raw;
          ${if nested then "internal" else null} = true;
          description = ''
            Additional arguments passed to each module besides `lib`, `config`,
            `options`, `specialArgs` and the attributes of `specialArgs`.
            Submodules get their own arguments; only `name` is passed down.
          '';
        };
        _module.check = mkOption {
          type = types.bool;
          internal = true;
          default = true;
          description = "Whether to check whether all option definitions have matching declarations.";
        };
        _module.freeformType = mkOption {
          type = types.nullOr types.optionType;
          internal = true;
          default = null;
          description = ''
            If set, definitions without a matching option are merged with this
            type and combined with the declared options into `config`.
          '';
        };
        _module.specialArgs = mkOption {
          readOnly = true;
          internal = true;
          description = "The `specialArgs` given to `evalModules`, usable in `imports`.";
        };
      };
    in { top = declare false; nested = declare true; };

  # ---------------------------------------------------------------- evalModules

  /** Evaluate a list of modules. Arguments: `modules`, `specialArgs`
      (available during `imports`), `prefix` (option path of a nested
      evaluation), `class` (expected `_class`). Returns `{ options, config,
      _module, type, extendModules, graph, class }`.
      Example: `(evalModules { modules = [ { options.x = mkOption { default = 1; }; } ]; }).config.x` => `1` */
  evalModules = evalArgs@{ modules, prefix ? [ ], specialArgs ? { }, class ? null, args ? { }, check ? true }:
    let
      withWarnings = x:
        warnIf (evalArgs ? args) "The args argument to evalModules is deprecated. Please set config._module.args instead."
        warnIf (evalArgs ? check) "The check argument to evalModules is deprecated. Please set config._module.check instead."
        x;

      legacyModules =
        optional (evalArgs ? args) { config = { _module.args = args; }; }
        ++ optional (evalArgs ? check) { config = { _module.check = mkDefault check; }; };
      regularModules = modules ++ legacyModules;

      internalModule = rec {
        _file = "lib/modules.nix";
        key = _file;
        options = if prefix == [ ] then internalOptions.top else internalOptions.nested;
        config = {
          _module.args = { inherit extendModules; moduleType = type; };
          _module.specialArgs = specialArgs;
        };
      };

      collected = collectModules class (specialArgs.modulesPath or "") (regularModules ++ [ internalModule ]) ({
        inherit lib options specialArgs;
        _class = class;
        _prefix = prefix;
        config = addErrorContext "if you get an infinite recursion here, you probably reference `config` in `imports`. If you are trying to achieve a conditional import behavior dependent on `config`, consider importing unconditionally, and using `mkEnableOption` and `mkIf` to control its effect." config;
      } // specialArgs);

      merged = mergeModules prefix (reverseList collected.modules);
      options = merged.matchedOptions;

      config =
        let
          # `mapAttrsRecursiveCond (v: !isOption v) (_: v: v.value) options`,
          # made with the options (see `matchedValues`).
          declared = merged.matchedValues;
          freeform =
            # (Nixpen: each definition also as found, with its path and
            # position, for freeform types that report where it was.)
            let defs = map (def: {
              file = def.file;
              value = setAttrByPath def.prefix def.value;
              nixpenPrefix = def.prefix;
              nixpenValue = def.value;
              nixpenPosition = def.nixpenPosition or null;
            }) merged.unmatchedDefns; in
            declared._module.freeformType.merge prefix defs;
        in
        # Without unmatched definitions the freeform part is empty (and
        # the list of them need not be built).
        if declared._module.freeformType == null || !merged.hasUnmatched then declared
        else recursiveUpdate freeform declared;

      checkUnmatched =
        if config._module.check && config._module.freeformType == null && merged.hasUnmatched then
          let
            first = head merged.unmatchedDefns;
            optText = showOption (prefix ++ first.prefix);
            defText =
              addErrorContext "while evaluating the error message for definitions for `${optText}', which is an option that does not exist"
                (addErrorContext "while evaluating a definition from `${first.file}'" (showDefs [ first ]));
            parentAbs = init (prefix ++ first.prefix);
            parentRel = init first.prefix;
            siblings = attrNames (attrByPath parentRel { } options);
            candidates = if parentRel == [ ] then lib.lists.remove "_module" siblings else siblings;
            wrong = last first.prefix;
            distance = lib.strings.levenshtein wrong;
            suggestions =
              if length candidates < 100 then take 3 (sortOn distance candidates)
              else take 3 (sortOn distance (filter (lib.strings.levenshteinAtMost 2 wrong) candidates));
            quote = s: "`${showOption (parentAbs ++ [ s ])}'";
            suggestion =
              if suggestions == [ ] then ""
              else if length suggestions == 1 then "\n\nDid you mean ${quote (head suggestions)}?"
              else "\n\nDid you mean ${concatStringsSep ", " (map quote (init suggestions))} or ${quote (last suggestions)}?";
            baseMsg = "The option `${optText}' does not exist. Definition values:${defText}${suggestion}";
          in
          if attrNames options == [ "_module" ] then
            if showOption prefix == "" then
              throw ''
                ${baseMsg}

                It seems as if you're trying to declare an option by placing it into `config' rather than `options'!
              ''
            else
              throw ''
                ${baseMsg}

                However there are no options defined in `${showOption prefix}'. Are you sure you've
                declared your options properly? This can happen if you e.g. declared your options in `types.submodule'
                under `config' rather than `options'.
              ''
          else throw baseMsg
        else null;

      checked = seq checkUnmatched;

      extendModules = extendArgs@{ modules ? [ ], specialArgs ? { }, prefix ? [ ] }:
        evalModules (evalArgs // {
          modules = regularModules ++ modules;
          specialArgs = evalArgs.specialArgs or { } // specialArgs;
          prefix = extendArgs.prefix or evalArgs.prefix or [ ];
        });

      type = types.submoduleWith { inherit modules specialArgs class; };
    in
    withWarnings {
      _type = "configuration";
      options = checked options;
      config = checked (removeAttrs config [ "_module" ]);
      _module = checked config._module;
      inherit (collected) graph;
      inherit extendModules type class;
    };

  # ---------------------------------------------------------------- option modules

  /** Define the option at path `to` with the definitions of option `option`.
      Example: `config.a = mkAliasDefinitions options.b;` */
  mkAliasDefinitions = mkAliasAndWrapDefinitions id;

  /** Like `mkAliasDefinitions`, wrapping the merged definitions with `wrap`. */
  mkAliasAndWrapDefinitions = wrap: option: mkIf option.isDefined (wrap (mkMerge option.definitions));

  /** Like `mkAliasAndWrapDefinitions`, keeping the definitions' priority. */
  mkAliasAndWrapDefsWithPriority = wrap: option:
    let prio = option.highestPrio or defaultOverridePriority; in
    mkIf option.isDefined (wrap (mkMerge (map (mkOverride prio) option.definitions)));

  /** Deprecated: `mkIf option.isDefined`. */
  mkAliasIfDef = warn "Usage of 'mkAliasIfDef' has been deprecated. Use 'mkIf option.isDefined' instead." (option: mkIf option.isDefined);

  /** A value derived from an option, at that option's priority.
      Example: `mkDerivedConfig options.x (v: v + 1)` */
  mkDerivedConfig = opt: f: mkOverride (opt.highestPrio or defaultOverridePriority) (f opt.value);

  /** Old interface: evaluate modules with `args` and no checking. */
  fixMergeModules = modules: args: evalModules { inherit modules args; check = false; };

  /** A module declaring `optionName` as removed: using it fails with instructions.
      Example: `mkRemovedOptionModule [ "services" "foo" ] "Use bar instead."` */
  mkRemovedOptionModule = optionName: replacementInstructions: { options, ... }: {
    options = setAttrByPath optionName (mkOption {
      visible = false;
      apply = x: throw "The option `${showOption optionName}' can no longer be used since it's been removed. ${replacementInstructions}";
    });
    config.assertions =
      let opt = getAttrFromPath optionName options; in
      [ {
        assertion = !opt.isDefined;
        message = ''
          The option definition `${showOption optionName}' in ${showFiles opt.files} no longer has any effect; please remove it.
          ${replacementInstructions}
        '';
      } ];
  };

  /** A module forwarding the old option `from` to `to`, warning on use.
      Example: `mkRenamedOptionModule [ "old" ] [ "new" ]` */
  mkRenamedOptionModule = from: to: doRename {
    inherit from to;
    visible = false;
    warn = true;
    use = builtins.trace "Obsolete option `${showOption from}' is used. It was renamed to `${showOption to}'.";
  };

  /** `mkRenamedOptionModule` that warns only once `sinceRelease` is the oldest supported release.
      Example: `mkRenamedOptionModuleWith { sinceRelease = 2311; from = [ "a" ]; to = [ "b" ]; }` */
  mkRenamedOptionModuleWith = { from, to, sinceRelease }: doRename {
    inherit from to;
    visible = false;
    warn = lib.trivial.oldestSupportedReleaseIsAtLeast sinceRelease;
    use = warnIf (lib.trivial.oldestSupportedReleaseIsAtLeast sinceRelease) "Obsolete option `${showOption from}' is used. It was renamed to `${showOption to}'.";
  };

  /** Several old options computed into one new option by `mergeFn config`.
      Example: `mkMergedOptionModule [ [ "a" ] [ "b" ] ] [ "c" ] (config: …)` */
  mkMergedOptionModule = from: to: mergeFn: { config, options, ... }: {
    options = foldl' recursiveUpdate { } (map (path: setAttrByPath path (mkOption {
      visible = false;
      default = "_mkMergedOptionModule";
    })) from);
    config = {
      warnings = filter (x: x != "") (map (f:
        let val = getAttrFromPath f config; opt = getAttrFromPath f options; in
        optionalString (val != "_mkMergedOptionModule")
          "The option `${showOption f}' defined in ${showFiles opt.files} has been changed to `${showOption to}' that has a different type. Please read `${showOption to}' documentation and update your configuration accordingly."
      ) from);
    } // setAttrByPath to (mkMerge (optional
      (builtins.any (f: (getAttrFromPath f config) != "_mkMergedOptionModule") from)
      (mergeFn config)));
  };

  /** One old option changed into a new one with `changeFn config`.
      Example: `mkChangedOptionModule [ "a" ] [ "b" ] (config: toString config.a)` */
  mkChangedOptionModule = from: to: changeFn: mkMergedOptionModule [ from ] to changeFn;

  /** A visible alias: `from` reads and writes `to`, without warnings.
      Example: `mkAliasOptionModule [ "a" ] [ "b" ]` */
  mkAliasOptionModule = from: to: doRename { inherit from to; visible = true; warn = false; use = id; };

  /** Deprecated alias of `mkAliasOptionModule`. */
  mkAliasOptionModuleMD = warn "mkAliasOptionModuleMD is deprecated and will be removed in 26.05; please use mkAliasOptionModule." mkAliasOptionModule;

  /** The general renaming module: `from`, `to`, `visible`, `warn`, `use`
      (applied to the value read through `from`), `withPriority`, `condition`.
      Example: `doRename { from = [ "a" ]; to = [ "b" ]; visible = true; warn = false; use = x: x; }` */
  doRename = { from, to, visible, warn, use, withPriority ? true, condition ? true }: { config, options, ... }:
    let
      fromOpt = getAttrFromPath from options;
      toOf = attrByPath to (abort "Renaming error: option `${showOption to}' does not exist.");
      toType = let opt = attrByPath to { } options; in opt.type or (types.submodule { });
    in {
      options = setAttrByPath from (mkOption {
        inherit visible;
        description = "Alias of {option}`${showOption to}`.";
        apply = x: use (toOf config);
      } // optionalAttrs (toType != null) { type = toType; });
      config = mkIf condition (mkMerge [
        (optionalAttrs (options ? warnings) {
          warnings = optional (warn && fromOpt.isDefined)
            "The option `${showOption from}' defined in ${showFiles fromOpt.files} has been renamed to `${showOption to}'.";
        })
        (if withPriority then mkAliasAndWrapDefsWithPriority (setAttrByPath to) fromOpt
         else mkAliasAndWrapDefinitions (setAttrByPath to) fromOpt)
      ]);
    };

  /** Import a module file that is a function of a static argument, keeping its file name.
      Example: `importApply ./module.nix { inherit inputs; }` */
  importApply = modulePath: staticArg: setDefaultModuleLocation modulePath (import modulePath staticArg);

  /** A module whose config is a JSON file. Example: `importJSON ./config.json` */
  importJSON = file: { _file = file; config = lib.trivial.importJSON file; };

  /** A module whose config is a TOML file. Example: `importTOML ./config.toml` */
  importTOML = file: { _file = file; config = lib.trivial.importTOML file; };

  # Low-level functions nixpkgs exposes with a deprecation warning.
  private = mapAttrs (k:
    warn "External use of `lib.modules.${k}` is deprecated. If your use case isn't covered by non-deprecated functions, we'd like to know more and perhaps support your use case well, instead of providing access to these low level functions. In this case please open an issue in https://github.com/nixos/nixpkgs/issues/."
  ) {
    inherit applyModuleArgsIfFunction dischargeProperties mergeModules mergeModules' pushDownProperties unifyModuleSyntax;
    collectModules = collectModules null;
  };
in
private // {
  inherit defaultOrderPriority defaultOverridePriority doRename evalModules evalOptionValue
    filterOverrides filterOverrides' fixMergeModules fixupOptionType importApply importJSON importTOML
    mapDefinitionValue mergeDefinitions mergeAttrDefinitionsWithPrio mergeOptionDecls mkAfter
    mkAliasAndWrapDefinitions mkAliasAndWrapDefsWithPriority mkAliasDefinitions mkAliasIfDef
    mkAliasOptionModule mkAliasOptionModuleMD mkAssert mkBefore mkChangedOptionModule mkDefault
    mkDefinition mkDerivedConfig mkFixStrictness mkForce mkIf mkImageMediaOverride mkMerge
    mkMergedOptionModule mkOptionDefault mkOrder mkOverride mkRemovedOptionModule
    mkRenamedOptionModule mkRenamedOptionModuleWith mkVMOverride setDefaultModuleLocation
    sortProperties;
}
