# Path value helpers.
{ lib }:
rec {
  /** Whether a path value lies inside a store path: below the store
      directory, with a first component shaped like `<32 chars>-<name>`.
      Example: `hasStorePathPrefix /nix/store/00000000000000000000000000000000-x/y` => `true` */
  hasStorePathPrefix = path:
    assert lib.asserts.assertMsg (builtins.isPath path)
      "lib.path.hasStorePathPrefix: Argument is of type ${builtins.typeOf path}, but a path was expected";
    let
      parts = s: builtins.filter (c: c != "" && c != ".") (lib.strings.splitString "/" s);
      comps = parts (toString path);
      store = parts builtins.storeDir;
      n = builtins.length store;
    in
    (lib.lists.take n comps == store && builtins.length comps > n
      && builtins.match ".{32}-.+" (builtins.elemAt comps n) != null)
    || (comps != [ ] && builtins.match "[0-9a-z]{52}" (builtins.head comps) != null);

  /** Append a relative path string to a path. Example: `append /a "b/c"` => `/a/b/c` */
  append = path: subpath: path + ("/" + subpath);

  /** Whether `path2` is `path1` or below it. Example: `hasPrefix /a /a/b` => `true` */
  hasPrefix = path1: path2:
    let a = toString path1; b = toString path2; in
    a == b || lib.strings.hasPrefix (if a == "/" then a else a + "/") b;
}
