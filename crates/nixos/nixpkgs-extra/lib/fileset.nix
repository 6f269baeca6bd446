# File sets: sets of files below some paths, for selecting sources.
#
# Nixpen's representation is simple: a file set holds the list of its
# files as path values. A path coerces to the file set of every regular
# file below it (or the file itself).
{ lib }:
let
  inherit (builtins) isPath isList typeOf pathExists readDir attrNames concatMap filter;

  mk = files: { _type = "fileset"; _files = files; };

  # The type of a path's target, as `readDir` of its parent reports it.
  typeOfPath = p:
    let parent = dirOf p; name = baseNameOf p; in
    if toString p == "/" then "directory" else (readDir parent).${name} or "unknown";

  filesBelow = p:
    if typeOfPath p == "directory" then
      concatMap (n: let t = (readDir p).${n}; child = p + "/${n}"; in
        if t == "directory" then filesBelow child else [ child ]) (attrNames (readDir p))
    else [ p ];

  coerce = context: x:
    if x._type or null == "fileset" then { success = true; value = x; }
    else if isPath x then
      if pathExists x then { success = true; value = mk (filesBelow x); }
      else { success = false; message = "${context} (${toString x}) is a path that does not exist."; }
    else if builtins.isString x then
      { success = false; message = "${context} (\"${x}\") is a string-like value, but it should be a file set or a path instead."; }
    else { success = false; message = "${context} is of type ${typeOf x}, but it should be a file set or a path instead."; };

  force = context: x: let r = coerce context x; in if r.success then r.value else throw r.message;

  uniquePaths = ps: builtins.attrValues (builtins.listToAttrs (map (p: { name = toString p; value = p; }) ps));
in
rec {
  /** The empty file set. Example: `toList empty` => `[ ]` */
  empty = mk [ ];

  /** Whether a value is a file set or a path usable as one. Example: `isFileset ./.` => `true` */
  isFileset = x: (coerce "" x).success;

  /** The files of a file set (or path), sorted. Example: `toList ./dir` => `[ ./dir/a ]` */
  toList = fs: builtins.sort (a: b: toString a < toString b) (force "lib.fileset.toList: Argument" fs)._files;

  /** Union of two file sets. Example: `union ./a ./b` */
  union = a: b: unions [ a b ];

  /** Union of a list of file sets. Example: `unions [ ./a ./b ]` */
  unions = filesets:
    if !isList filesets then throw "lib.fileset.unions: Argument is of type ${typeOf filesets}, but it should be a list instead."
    else mk (uniquePaths (concatMap (fs: (force "lib.fileset.unions: Element" fs)._files) filesets));

  /** Files in both sets. Example: `intersection ./a ./a/b` */
  intersection = a: b:
    let keep = map toString (force "lib.fileset.intersection: Second argument" b)._files; in
    mk (filter (p: builtins.elem (toString p) keep) (force "lib.fileset.intersection: First argument" a)._files);

  /** Files of the first set not in the second. Example: `difference ./. ./secret` */
  difference = a: b:
    let drop = map toString (force "lib.fileset.difference: Second argument" b)._files; in
    mk (filter (p: !builtins.elem (toString p) drop) (force "lib.fileset.difference: First argument" a)._files);

  /** Files satisfying a predicate on `{ name, type, hasExt }` below a path.
      Example: `fileFilter (f: f.hasExt "nix") ./.` */
  fileFilter = pred: path:
    mk (filter (p:
      let name = baseNameOf p; in
      pred { inherit name; type = "regular"; hasExt = ext: lib.strings.hasSuffix ".${ext}" name; })
      (force "lib.fileset.fileFilter: Second argument" path)._files);

  /** A path if it exists, else the empty set. Example: `maybeMissing ./maybe` */
  maybeMissing = path: if pathExists path then force "lib.fileset.maybeMissing: Argument" path else empty;

  /** Print the files of a set as a trace, return the second argument. */
  trace = fs: x: builtins.trace (map toString (toList fs)) x;

  /** Print the files of a set as a trace, return the set. */
  traceVal = fs: trace fs fs;
}
