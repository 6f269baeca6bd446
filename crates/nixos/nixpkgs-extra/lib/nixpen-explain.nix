# Nixpen: why an option, or an attribute inside an option's value, has its
# value — every definition with where it was written and its priority,
# which won and why — and where each line of the rendered files comes
# from. JSON-safe, like nixpen.nix (`lib.nixpen.explain`).
#
# The module system decides in levels. An option first keeps only its
# definitions of the best (lowest) priority, whole: `serviceConfig =
# mkDefault { … }` loses every key to any plain definition of
# `serviceConfig`. The type then merges what is left; an attribute set
# (`attrsOf`) does the same for each key among the definitions that set
# it, so `serviceConfig.Restart = mkDefault "always"` in one module loses
# to `serviceConfig.Restart = "on-failure"` in another.
{ lib }:
let
  inherit (builtins) isAttrs length head tail elemAt genList concatMap filter map tryEval
    unsafeGetAttrPos foldl' listToAttrs baseNameOf attrNames;
  inherit (lib.options) isOption showOption;
  nixpen = lib.nixpen;

  orElse = fallback: v: let r = tryEval v; in if r.success then r.value else fallback;
  range = n: genList (i: i) n;
  min = a: b: if a < b then a else b;

  # A position record from `unsafeGetAttrPos` data (or nulls).
  position = file: pos:
    if pos == null then { inherit file; line = null; column = null; }
    else { file = pos.file or file; line = pos.line or null; column = pos.column or null; };

  # "service.nix:12:5": where a definition was written, short.
  where = d:
    baseNameOf (toString d.file)
    + (if d.line or null != null then ":${toString d.line}:${toString d.column}" else "");

  # The element type of an attribute set option's type, one level down.
  elemType = type: orElse null (type.nestedTypes.elemType or null);

  # How the type merges several definitions of the same priority.
  mergeText = typeName:
    if typeName == "listOf" then "the lists are concatenated (mkBefore first, mkAfter last)"
    else if builtins.elem typeName [ "attrsOf" "lazyAttrsOf" "submodule" ] then "they are merged key by key"
    else if builtins.elem typeName [ "lines" "commas" "envVar" "separatedString" ] then "their texts are joined"
    else "their values must agree";

  /** The name NixOS users know a priority by: `mkForce` (50), `plain` (100,
      no modifier), `mkDefault` (1000), `option default` (1500), or
      `mkOverride N`. Example: `priorityName 1000` => `"mkDefault"` */
  priorityName = p:
    if p == null then null
    else if p == 50 then "mkForce"
    else if p == 100 then "plain"
    else if p == 1000 then "mkDefault"
    else if p == 1500 then "option default"
    else if p == 10 then "mkVMOverride"
    else "mkOverride ${toString p}";

  /** The name of an order (`mkBefore` 500, `mkAfter` 1500, `mkOrder N`);
      null for the usual 1000. Example: `orderName 1500` => `"mkAfter"` */
  orderName = o:
    if o == null || o == 1000 then null
    else if o == 500 then "mkBefore"
    else if o == 1500 then "mkAfter"
    else "mkOrder ${toString o}";

  # named d: a definition record with its priority and order named.
  named = d: d // { priorityName = priorityName d.priority; orderName = orderName d.order; };

  # The sentence saying which definitions won and why.
  whyText = { subject, defs, typeName }:
    let
      active = filter (d: d.active) defs;
      won = filter (d: d.won) defs;
      w = head won;
      lost = filter (d: d.active && !d.won && !d.default) defs;
      defaultLost = builtins.any (d: d.active && !d.won && d.default) defs;
      best = "${priorityName w.priority}, priority ${toString w.priority}";
      losers = lib.concatStringsSep ", " (map (d: "${where d} (${priorityName d.priority}, ${toString d.priority})") lost);
      over = if lost == [ ] then "" else " over ${losers}";
      rule = if lost == [ ] then "" else ": the lowest priority number wins and the other definitions are discarded";
      replacing = if defaultLost then "; the option's default gives way" else "";
    in
    if won == [ ] then
      if active == [ ] && defs != [ ] then "Every definition of ${subject} is switched off by `mkIf false`, so it has no value."
      else if active == [ ] then "Nothing defines ${subject}."
      else "No definition of ${subject} is left once priorities are compared (see why each lost)."
    else if length won == 1 && w.default && lost == [ ] then
      "Nothing defines ${subject}, so the option's default applies."
    else if length won == 1 && lost == [ ] then
      "Only the definition at ${where w} sets ${subject} (${best})${replacing}."
    else if length won == 1 then
      "The definition at ${where w} (${best}) wins${over}${rule}${replacing}."
    else
      "${toString (length won)} definitions share the winning priority (${best}), so ${mergeText typeName}"
      + "${if lost == [ ] then "" else "; they win${over}${rule}"}${replacing}.";

  # find tree loc: the option at `loc` in a tree of options, or the option
  # whose value holds it, with the attribute names below it: `{ option;
  # keys; }`, or null. Submodule entries are looked up in their own
  # options (`systemd.services."foo".serviceConfig`).
  find = tree: loc:
    if isOption tree then descend tree loc
    else if loc == [ ] || !(isAttrs tree) || !(tree ? ${head loc}) then null
    else find tree.${head loc} (tail loc);

  descend = option: keys:
    let
      meta = orElse { } (option.valueMeta or { });
      entry = if keys != [ ] && isAttrs (meta.attrs or null) then meta.attrs.${head keys} or null else null;
    in
    if keys == [ ] then { inherit option keys; }
    else if meta ? configuration then find (orElse { } meta.configuration.options) keys
    else if isAttrs entry && entry ? configuration && tail keys != [ ] then find (orElse { } entry.configuration.options) (tail keys)
    else { inherit option keys; };

  # The declarations of an option, positioned.
  declarationsOf = option: orElse [ ] (map (p: position (p.file or "<unknown-file>") p)
    (option.declarationPositions or (map (f: { file = f; line = null; column = null; }) (option.declarations or [ ]))));

  # attribute option keys: what explains the attribute `keys` of the
  # option's value: each definition that sets it, level by level.
  attribute = option: keys:
    let
      raw = orElse [ ] option.nixpenRawDefinitions;
      positions = option.nixpenDefinitionPositions or [ ];
      hasDefault = option ? default;
      declarations = declarationsOf option;
      optionName = showOption option.loc;
      posOf = i:
        let j = if hasDefault then i - 1 else i; in
        if j >= 0 && j < length positions then elemAt positions j else null;

      # The option's definitions, as pieces: `{ file; pos; prios; order; value; default; active; }`.
      start = concatMap (i:
        let
          def = elemAt raw i;
          isDefault = hasDefault && i == 0;
          d = tryEval (nixpen.discharge def.value);
          piece = p:
            let
              own = isAttrs p && p._type or null == "definition";
              s = nixpen.splitPriority lib.modules.defaultOverridePriority (if own then p.value else p);
            in {
              file = if own then p.file else def.file;
              at = if isDefault && declarations != [ ] then head declarations
                else position (if own then p.file else def.file) (if own then null else posOf i);
              prios = [ s.priority ];
              inherit (s) order value;
              default = isDefault;
              active = true;
            };
        in
        if d.success then map piece d.value.pieces else [ ]
      ) (range (length raw));

      # One level down: the pieces that set `key`, each with the key's own
      # priority added (and its position, when the set was written as such).
      down = pieces: key: concatMap (p:
        let sets = tryEval (isAttrs p.value && p.value ? ${key}); in
        if !(p.active && sets.success && sets.value) then [ ]
        else
          let
            pos = unsafeGetAttrPos key p.value;
            at = if pos != null then position p.file pos else p.at;
            d = tryEval (nixpen.discharge p.value.${key});
            one = piece:
              let s = nixpen.splitPriority lib.modules.defaultOverridePriority piece; in
              p // { inherit at; prios = p.prios ++ [ s.priority ]; inherit (s) order value; };
          in
          if !d.success then [ (p // { inherit at; prios = p.prios ++ [ null ]; value = "<error>"; active = false; }) ]
          else map one d.value.pieces
            ++ lib.optional d.value.disabled (p // { inherit at; prios = p.prios ++ [ null ]; value = null; active = false; })
      ) pieces;

      pieces = foldl' down start keys;

      # The best priority at each level among the pieces left by the level
      # above; level 0 is the option's own (over all its definitions).
      highest = orElse null option.highestPrio;
      bests = foldl' (acc: level:
        let
          left = filter (p: p.active && lib.all (l: elemAt p.prios l == elemAt acc l) (range level)) pieces;
          best = if level == 0 then highest else foldl' min 10000 (map (p: elemAt p.prios level) left);
        in acc ++ [ best ]) [ ] (range (length keys + 1));

      # The first level at which a piece loses, or null when it wins.
      lostAt = p: lib.findFirst (l: elemAt p.prios l != elemAt bests l) null (range (length keys + 1));

      record = p:
        let
          level = lostAt p;
          prio = lib.last p.prios;
        in
        p.at // {
          priority = prio;
          priorities = p.prios;
          inherit (p) order active default;
          value = nixpen.toData 8 p.value;
          text = if p.active then nixpen.toText p.value else "mkIf false";
          won = p.active && level == null;
          lost =
            if !p.active then "switched off by `mkIf false`"
            else if level == null then null
            else if level == 0 then
              "the whole definition of `${optionName}` here has priority ${toString (head p.prios)} (${priorityName (head p.prios)}), "
              + "but `${optionName}` has a definition of priority ${toString highest} (${priorityName highest}): "
              + "priorities are compared for the whole option first, so this one is discarded with all its keys"
            else
              "`${lib.concatStringsSep "." (lib.take level keys)}` is set with priority ${toString (elemAt bests level)} "
              + "(${priorityName (elemAt bests level)}) elsewhere, which beats ${toString (elemAt p.prios level)} (${priorityName (elemAt p.prios level)})";
        };

      definitions = map (p: named (record p)) pieces;
      type = foldl' (t: _: elemType t) (option.type or null) keys;
      typeName = orElse "unspecified" (type.name or "unspecified");
      # A submodule entry's value is its whole configuration: its options
      # are explained one by one instead.
      shown = typeName != "submodule";
      value = tryEval (builtins.deepSeq (nixpen.toData 8 (lib.attrByPath keys null option.value)) (lib.attrByPath keys null option.value));
      isSet = orElse false (lib.hasAttrByPath keys option.value);
      name = showOption (option.loc ++ keys);
    in {
      inherit name definitions declarations typeName;
      kind = "attribute";
      loc = option.loc ++ keys;
      option = optionName;
      type = orElse "unspecified" (type.description or "unspecified");
      description = orElse null (option.description or null);
      isDefined = isSet;
      value = if shown && value.success && isSet then nixpen.toData 8 value.value else null;
      valueText = if shown && value.success && isSet then nixpen.toText value.value else null;
      error = shown && !value.success;
      why = whyText { subject = "`${name}`"; defs = definitions; inherit typeName; };
    };

  # optionRecord option: `optionData` with priorities named and the reason.
  optionRecord = option:
    let
      data = nixpen.optionData option;
      definitions = map (d: named (d // {
        priorities = [ d.priority ];
        lost =
          if !d.active then "switched off by `mkIf false`"
          else if d.won then null
          else "priority ${toString d.priority} (${priorityName d.priority}) loses to ${toString data.highestPrio} (${priorityName data.highestPrio})";
      })) data.definitions;
    in
    data // {
      inherit definitions;
      kind = "option";
      option = data.name;
      why = whyText { subject = "`${data.name}`"; defs = definitions; inherit (data) typeName; };
    };
in
rec {
  inherit priorityName orderName;

  /** Everything about the option at `loc` (a list of names) in a tree of
      options (the `options` of an evaluation), or about an attribute inside
      an option's value (`[ … "serviceConfig" "Restart" ]`), JSON-safe:
      `{ name; loc; kind; option; type; typeName; description;
      declarations; definitions; isDefined; value; valueText; error; why; }`
      with `kind` `"option"` or `"attribute"` (then `option` names the
      option holding it), each definition `{ file; line; column; priority;
      priorityName; priorities; order; orderName; value; text; active;
      default; won; lost; }` (`priorities`: the whole definition's, then
      each attribute level's; `lost`: why it did not win), and `why`, a
      sentence; `{ name; loc; kind = "unknown"; message; }` when there is no such
      option. Example: `option eval.options [ "services" "nginx" "enable" ]` */
  option = options: loc:
    let found = find options loc; in
    if found == null then
      { name = showOption loc; inherit loc; kind = "unknown"; message = "no option `${showOption loc}' is declared"; }
    else if found.keys == [ ] then optionRecord found.option
    else attribute found.option found.keys;

  /** Where each line of rendered files comes from: for lines `{ text;
      from = { options; note; }; }` by file (`system.build.nixpenLines`),
      `{ names; files; options; texts; }`: `names` every file's name,
      `files.<file>` the lines' origins in
      order, each `{ options = [ NAME … ]; note; }`; `options.<NAME>` the
      `option` record of every option named; `texts.<file>` (only with
      `texts = true`) the file's text. `files` restricts to those names.
      Example: `outputs { inherit (eval) options; lines = eval.config.system.build.nixpenLines; }` */
  outputs = { options, lines, files ? null, texts ? false }:
    let
      chosen = if files == null then lines else lib.filterAttrs (name: _: builtins.elem name files) lines;
      origin = l: { options = map showOption l.from.options; inherit (l.from) note; };
      locs = concatMap (ls: concatMap (l: l.from.options) ls) (builtins.attrValues chosen);
    in
    {
      names = attrNames lines;
      files = builtins.mapAttrs (_: map origin) chosen;
      options = listToAttrs (map (loc: { name = showOption loc; value = option options loc; }) locs);
    }
    // lib.optionalAttrs texts { texts = builtins.mapAttrs (_: lib.concatMapStrings (l: l.text + "\n")) chosen; };

  /** The files whose definitions create each name of an attribute set
      option (`systemd.services`): `{ NAME = [ FILE … ]; }`, the file being
      where the name is written when Nix knows it. Names whose values are
      all switched off (`mkIf false`) are left out; the option's default
      counts. Example: `definedBy eval.options.systemd.services` => `{ foo = [ "/etc/nixos/foo.nix" ]; }` */
  definedBy = option:
    let
      raw = orElse [ ] option.nixpenRawDefinitions;
      pieceNames = def:
        let d = tryEval (nixpen.discharge def.value); in
        if !d.success then [ ] else concatMap (p:
          let
            own = isAttrs p && p._type or null == "definition";
            v = (nixpen.splitPriority 100 (if own then p.value else p)).value;
            file = toString (if own then p.file else def.file);
            names = filter (n: orElse false ((nixpen.discharge v.${n}).pieces != [ ])) (orElse [ ] (attrNames v));
            at = n: let pos = unsafeGetAttrPos n v; in if pos == null then file else pos.file;
          in map (n: { name = n; file = at n; }) names) d.value.pieces;
      all = concatMap pieceNames raw;
    in
    builtins.mapAttrs (_: entries: lib.unique (map (e: e.file) entries)) (builtins.groupBy (e: e.name) all);
}
