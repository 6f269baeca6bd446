# Version string helpers.
{ lib }:
rec {
  /** Split a version into components. Example: `splitVersion "1.2.3"` => `[ "1" "2" "3" ]` */
  splitVersion = builtins.splitVersion;

  /** Major component. Example: `major "1.2.3"` => `"1"` */
  major = v: builtins.elemAt (splitVersion v) 0;
  /** Minor component. Example: `minor "1.2.3"` => `"2"` */
  minor = v: builtins.elemAt (splitVersion v) 1;
  /** Patch component. Example: `patch "1.2.3"` => `"3"` */
  patch = v: builtins.elemAt (splitVersion v) 2;

  /** Major and minor. Example: `majorMinor "1.2.3"` => `"1.2"` */
  majorMinor = v: builtins.concatStringsSep "." (lib.lists.take 2 (splitVersion v));

  /** Pad a version to `n` components with zeroes. Example: `pad 3 "1.2"` => `"1.2.0"` */
  pad = n: version:
    let
      parts = splitVersion version;
      numeric = lib.lists.take 3 parts;
    in builtins.concatStringsSep "." (numeric ++ lib.lists.replicate (n - builtins.length numeric) "0");

  /** Compare versions (-1, 0, 1). Example: `compareVersions "1.0" "1.1"` => `-1` */
  compareVersions = builtins.compareVersions;
}
