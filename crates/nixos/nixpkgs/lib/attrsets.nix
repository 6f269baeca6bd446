# Attribute set functions.
{ lib }:
let
  inherit (builtins) attrNames attrValues head tail length isAttrs listToAttrs mapAttrs
    filter concatMap foldl' elemAt hasAttr getAttr;

  # Apply `f` to the value at `path`, creating missing sets on the way.
  updateAt = path: f: set:
    if path == [ ] then f set
    else let k = head path; in set // { ${k} = updateAt (tail path) f (set.${k} or { }); };
in
rec {
  inherit (builtins) attrNames attrValues listToAttrs mapAttrs hasAttr getAttr isAttrs
    removeAttrs intersectAttrs catAttrs zipAttrsWith;

  /** Follow a path of names, with a default when missing.
      Example: `attrByPath [ "a" "b" ] 0 { a.b = 1; }` => `1` */
  attrByPath = path: default: set:
    let
      n = length path;
      go = i: s:
        if i == n then s
        else let k = elemAt path i; in
          if s ? ${k} then go (i + 1) s.${k} else default;
    in go 0 set;

  /** Whether a path of names exists. Example: `hasAttrByPath [ "a" "b" ] { a.b = 1; }` => `true` */
  hasAttrByPath = path: set:
    let
      n = length path;
      go = i: s: i == n || (isAttrs s && s ? ${elemAt path i} && go (i + 1) s.${elemAt path i});
    in go 0 set;

  /** Longest prefix of `path` that exists in the set. Example: `attrsets.longestValidPathPrefix [ "a" "x" ] { a = { }; }` => `[ "a" ]` */
  longestValidPathPrefix = path: set:
    let
      n = length path;
      go = i: s: if i < n && isAttrs s && s ? ${elemAt path i} then go (i + 1) s.${elemAt path i} else i;
    in lib.lists.take (go 0 set) path;

  /** Nest a value under a path of names. Example: `setAttrByPath [ "a" "b" ] 1` => `{ a.b = 1; }` */
  setAttrByPath = path: value:
    let n = length path; go = i: if i == n then value else { ${elemAt path i} = go (i + 1); };
    in go 0;

  /** Follow a path of names or throw.
      Example: `getAttrFromPath [ "a" ] { a = 1; }` => `1` */
  getAttrFromPath = path: set:
    attrByPath path (abort ("cannot find attribute '" + builtins.concatStringsSep "." path + "'")) set;

  /** Values at the given names, skipping missing ones. Example: `attrVals [ "a" ] { a = 1; }` => `[ 1 ]` */
  attrVals = names: set: map (n: set.${n}) names;

  /** Apply updates at paths. Example: `updateManyAttrsByPath [ { path = [ "a" ]; update = old: old + 1; } ] { a = 1; }` => `{ a = 2; }` */
  updateManyAttrsByPath = updates: value:
    foldl' (acc: u: updateAt u.path u.update acc) value updates;

  /** Keep only attributes satisfying `pred name value`. Example: `filterAttrs (n: v: v > 1) { a = 1; b = 2; }` => `{ b = 2; }` */
  filterAttrs = pred: set:
    removeAttrs set (filter (name: !pred name set.${name}) (attrNames set));

  /** Recursive `filterAttrs`. Example: `filterAttrsRecursive (n: v: v != null) { a.b = null; }` => `{ a = { }; }` */
  filterAttrsRecursive = pred: set:
    listToAttrs (concatMap (name:
      let v = set.${name}; in
      if pred name v then [ (nameValuePair name (if isAttrs v then filterAttrsRecursive pred v else v)) ] else [ ]
    ) (attrNames set));

  /** Fold over attributes (name and value). Example: `foldlAttrs (acc: n: v: acc + v) 0 { a = 1; b = 2; }` => `3` */
  foldlAttrs = f: init: set: foldl' (acc: name: f acc name set.${name}) init (attrNames set);

  /** Fold a function over the attribute sets of a list, by name.
      Example: `foldAttrs (v: acc: [ v ] ++ acc) [ ] [ { a = 1; } { a = 2; } ]` => `{ a = [ 1 2 ]; }` */
  foldAttrs = op: nul: list_of_attrs:
    lib.lists.foldr (n: a: foldl' (o: name: o // { ${name} = op n.${name} (a.${name} or nul); }) a (attrNames n)) { } list_of_attrs;

  /** Values of all attributes satisfying `pred`, collected recursively.
      Example: `collect builtins.isInt { a = 1; b.c = 2; }` => `[ 1 2 ]` */
  collect = pred: v:
    if pred v then [ v ]
    else if isAttrs v then concatMap (collect pred) (attrValues v)
    else [ ];

  /** Cartesian product of an attrset of lists. Example: `cartesianProduct { a = [ 1 2 ]; b = [ 3 ]; }` => `[ { a = 1; b = 3; } { a = 2; b = 3; } ]` */
  cartesianProduct = attrsOfLists:
    foldl' (listOfAttrs: attrName:
      concatMap (attrs: map (v: attrs // { ${attrName} = v; }) attrsOfLists.${attrName}) listOfAttrs
    ) [ { } ] (attrNames attrsOfLists);

  /** Map a function over a cartesian product. Example: `mapCartesianProduct ({ a }: a) { a = [ 1 ]; }` => `[ 1 ]` */
  mapCartesianProduct = f: attrsOfLists: map f (cartesianProduct attrsOfLists);

  /** A name/value record. Example: `nameValuePair "a" 1` => `{ name = "a"; value = 1; }` */
  nameValuePair = name: value: { inherit name value; };

  /** Map over attributes returning new name/value pairs. Example: `mapAttrs' (n: v: nameValuePair "x${n}" v) { a = 1; }` => `{ xa = 1; }` */
  mapAttrs' = f: set: listToAttrs (map (attr: f attr set.${attr}) (attrNames set));

  /** Map attributes to a list. Example: `mapAttrsToList (n: v: n) { a = 1; }` => `[ "a" ]` */
  mapAttrsToList = f: attrs: map (name: f name attrs.${name}) (attrNames attrs);

  /** Same as `mapAttrsToList`. Example: `attrsToList { a = 1; }` => `[ { name = "a"; value = 1; } ]` */
  attrsToList = mapAttrsToList nameValuePair;

  /** Recursively map leaves with their path. Example: `mapAttrsRecursive (p: v: v + 1) { a.b = 1; }` => `{ a.b = 2; }` */
  mapAttrsRecursive = f: set: mapAttrsRecursiveCond (as: true) f set;

  /** Recursively map, descending only where `cond` holds.
      Example: `mapAttrsRecursiveCond (s: !(s ? x)) (p: v: 0) { a.x = 1; }` => `{ a = 0; }` */
  mapAttrsRecursiveCond = cond: f: set:
    let
      recurse = path: mapAttrs (name: value:
        if isAttrs value && cond value then recurse (path ++ [ name ]) value
        else f (path ++ [ name ]) value);
    in recurse [ ] set;

  /** Map leaves to a flat list, with paths. Example: `mapAttrsToListRecursive (p: v: v) { a.b = 1; }` => `[ 1 ]` */
  mapAttrsToListRecursive = mapAttrsToListRecursiveCond (_: _: true);

  /** Like `mapAttrsToListRecursive`, descending only where `cond path set` holds.
      Example: `mapAttrsToListRecursiveCond (p: s: p != [ "a" ]) (p: v: p) { a.b = 1; }` => `[ [ "a" ] ]` */
  mapAttrsToListRecursiveCond = cond: f: set:
    let
      go = path: set: concatMap (name:
        let v = set.${name}; p = path ++ [ name ]; in
        if isAttrs v && cond p v then go p v else [ (f p v) ]) (attrNames set);
    in go [ ] set;

  /** Generate an attrset from names. Example: `genAttrs [ "a" ] (n: n + n)` => `{ a = "aa"; }` */
  genAttrs = names: f: listToAttrs (map (n: nameValuePair n (f n)) names);

  /** Generate an attrset from values and a name function. Example: `genAttrs' [ 1 ] (v: nameValuePair "x" v)` => `{ x = 1; }` */
  genAttrs' = xs: f: listToAttrs (map f xs);

  /** Whether a value is a derivation. Example: `isDerivation { type = "derivation"; }` => `true` */
  isDerivation = value: value.type or null == "derivation";

  /** Make a fake derivation-like attrset from a store path string.
      Example: `(toDerivation "/nix/store/x").outPath` => `"/nix/store/x"` */
  toDerivation = path:
    let p = builtins.storePath or (x: x);
        path' = p path;
        res = { type = "derivation"; name = lib.strings.sanitizeDerivationName (builtins.substring 33 (-1) (baseNameOf path')); outPath = path'; outputs = [ "out" ]; out = res; outputName = "out"; };
    in res;

  /** The attrset if the condition holds, else empty. Example: `optionalAttrs false { a = 1; }` => `{ }` */
  optionalAttrs = cond: as: if cond then as else { };

  /** Keep only the named attributes. Example: `getAttrs [ "a" ] { a = 1; b = 2; }` => `{ a = 1; }` */
  getAttrs = names: attrs: genAttrs names (name: attrs.${name});

  /** Zip attribute sets with a function of name and value list.
      Example: `zipAttrsWithNames [ "a" ] (n: vs: vs) [ { a = 1; } { a = 2; } ]` => `{ a = [ 1 2 ]; }` */
  zipAttrsWithNames = names: f: sets:
    listToAttrs (map (name: { inherit name; value = f name (builtins.catAttrs name sets); }) names);

  /** Collect values by name. Example: `zipAttrs [ { a = 1; } { a = 2; } ]` => `{ a = [ 1 2 ]; }` */
  zipAttrs = builtins.zipAttrsWith (name: values: values);

  /** Merge a list of attrsets, later ones winning. Example: `mergeAttrsList [ { a = 1; } { a = 2; } ]` => `{ a = 2; }` */
  mergeAttrsList = list: foldl' (a: b: a // b) { } list;

  /** Recursively merge two sets, stopping (right side wins) where `pred path left right` holds.
      Example: `recursiveUpdateUntil (p: l: r: p == [ "a" ]) { a.b = 1; } { a.c = 2; }` => `{ a.c = 2; }` */
  recursiveUpdateUntil = pred: lhs: rhs:
    let
      f = attrPath: builtins.zipAttrsWith (n: values:
        let here = attrPath ++ [ n ]; in
        if length values == 1 || pred here (elemAt values 1) (head values) then head values
        else f here values);
    in f [ ] [ rhs lhs ];

  /** Recursively merge, right side winning on leaves.
      Example: `recursiveUpdate { a.b = 1; } { a.c = 2; }` => `{ a = { b = 1; c = 2; }; }` */
  recursiveUpdate = lhs: rhs:
    recursiveUpdateUntil (path: lhs: rhs: !(isAttrs lhs && isAttrs rhs)) lhs rhs;

  /** Whether `pattern` is a recursive subset of `attrs`. Example: `matchAttrs { a = 1; } { a = 1; b = 2; }` => `true` */
  matchAttrs = pattern: attrs:
    builtins.all (name:
      attrs ? ${name} && (
        let p = pattern.${name}; a = attrs.${name}; in
        if isAttrs p && isAttrs a then matchAttrs p a else p == a)) (attrNames pattern);

  /** Override existing attributes only. Example: `overrideExisting { a = 1; } { a = 2; b = 3; }` => `{ a = 2; }` */
  overrideExisting = old: new: mapAttrs (name: value: new.${name} or value) old;

  /** Render an attribute path. Example: `showAttrPath [ "a" "b c" ]` => `"a.\"b c\""` */
  showAttrPath = path:
    if path == [ ] then "<root attribute path>" else builtins.concatStringsSep "." (map lib.strings.escapeNixIdentifier path);

  /** The default output of a derivation. Example: `getOutput "dev" pkg` */
  getOutput = output: pkg:
    if !pkg ? outputSpecified || !pkg.outputSpecified then pkg.${output} or pkg.out or pkg else pkg;

  /** The first of `candidates` that the package has as an output, else `out`.
      Example: `getFirstOutput [ "bin" "out" ] pkg` */
  getFirstOutput = candidates: pkg:
    let outputs = builtins.filter (name: hasAttr name pkg) candidates;
        output = builtins.head (outputs ++ [ "out" ]);
    in getOutput output pkg;

  /** The bin output. Example: `getBin pkg` */
  getBin = getOutput "bin";
  /** The lib output. Example: `getLib pkg` */
  getLib = getOutput "lib";
  /** The dev output. Example: `getDev pkg` */
  getDev = getOutput "dev";
  /** The man output. Example: `getMan pkg` */
  getMan = getOutput "man";

  /** Map derivations in an attrset of packages to a chosen output.
      Example: `chooseDevOutputs [ pkg ]` */
  chooseDevOutputs = builtins.map getDev;

  /** Mark an attrset for recursion by `nix-env`. Example: `recurseIntoAttrs { }` => `{ recurseForDerivations = true; }` */
  recurseIntoAttrs = attrs: attrs // { recurseForDerivations = true; };

  /** Undo `recurseIntoAttrs`. Example: `dontRecurseIntoAttrs { }` => `{ recurseForDerivations = false; }` */
  dontRecurseIntoAttrs = attrs: attrs // { recurseForDerivations = false; };

  /** Union of two attribute sets that must not share names (a shared name throws when read).
      Example: `unionOfDisjoint { a = 1; } { b = 2; }` => `{ a = 1; b = 2; }` */
  unionOfDisjoint = x: y:
    let intersection = builtins.intersectAttrs x y;
        collisions = lib.concatStringsSep " " (attrNames intersection);
        mask = builtins.mapAttrs (name: value: throw "unionOfDisjoint: collision on ${name}; complete list: ${collisions}") intersection;
    in (x // y) // mask;

  /** Map each attribute to an attrset and merge the results.
      Example: `concatMapAttrs (n: v: { ${n} = v; "${n}2" = v; }) { a = 1; }` => `{ a = 1; a2 = 1; }` */
  concatMapAttrs = f: set: foldl' (acc: s: acc // s) { } (mapAttrsToList f set);

  /** The `include` output of a package (or dev/out). Example: `getInclude pkg` */
  getInclude = getFirstOutput [ "include" "dev" "out" ];

  /** The `static` output of a package (or lib/out). Example: `getStatic pkg` */
  getStatic = getFirstOutput [ "static" "lib" "out" ];
}
