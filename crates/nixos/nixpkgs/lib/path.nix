# Path value helpers.
{ lib }:
rec {
  /** Whether a path value starts with the store directory followed by a name.
      Example: `hasStorePathPrefix /nix/store/abc-x/y` => `true` */
  hasStorePathPrefix = path:
    let s = toString path; sd = builtins.storeDir; n = builtins.stringLength sd; in
    builtins.substring 0 (n + 1) s == sd + "/" && builtins.stringLength s > n + 1;

  /** Append a relative path string to a path. Example: `append /a "b/c"` => `/a/b/c` */
  append = path: subpath: path + ("/" + subpath);

  /** Whether `path2` is `path1` or below it. Example: `hasPrefix /a /a/b` => `true` */
  hasPrefix = path1: path2:
    let a = toString path1; b = toString path2; in
    a == b || lib.strings.hasPrefix (if a == "/" then a else a + "/") b;
}
