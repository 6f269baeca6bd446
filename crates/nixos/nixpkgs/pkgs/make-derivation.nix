# The core of Nixpen's package set: turning an attribute set into a
# derivation with a real store path (from the `derivation` builtin) that is
# instantiated but never built. Every package and builder in `pkgs/` goes
# through `makeDerivation`, so they all support `overrideAttrs`, `override`,
# `passthru` and `meta` the way nixpkgs packages do.
{ lib, system, stdenvDrv }:

let
  inherit (builtins) isAttrs isFunction isList filter removeAttrs mapAttrs;

  # Whether a value can be passed to the `derivation` builtin as is:
  # strings, numbers, booleans, null, paths, derivations and lists of these.
  isDrvArgument = v:
    if isFunction v then false
    else if isAttrs v then v ? outPath
    else if isList v then builtins.all isDrvArgument v
    else true;

  # Drops from `attrs` what `derivation` cannot take (functions, plain
  # attribute sets) instead of failing, as these are never built here.
  sanitize = attrs: removeAttrs attrs (filter (n: !isDrvArgument attrs.${n}) (builtins.attrNames attrs));

  # Attributes that belong to the Nix-level package, not to the build.
  notForBuild = [ "meta" "passthru" "pos" "override" "overrideAttrs" "overrideDerivation" "finalPackage" ];

  # makeDerivation attrs: a derivation for `attrs`, whose name is `name` or
  # `pname-version`. `attrs` may also be a function of the final attributes
  # (the `finalAttrs:` pattern of stdenv.mkDerivation).
  makeDerivation = attrsOrFn:
    let
      attrsFn = if isFunction attrsOrFn then attrsOrFn else (_: attrsOrFn);
      attrs = attrsFn finalAttrs;
      finalAttrs = attrs // { finalPackage = result; };
      name = attrs.name or (
        if attrs ? pname && attrs ? version then "${attrs.pname}-${toString attrs.version}"
        else if attrs ? pname then attrs.pname
        else throw "derivation has neither `name` nor `pname`");
      drv = derivation ({
        inherit system;
        builder = "/bin/sh";
        args = [ "-c" ". $stdenv/setup; genericBuild" ];
        stdenv = stdenvDrv;
      } // sanitize (removeAttrs attrs notForBuild) // { inherit name; });
      passthru = attrs.passthru or { };
      meta = { name = name; } // (attrs.meta or { });
      result = drv // passthru // {
        inherit meta passthru;
        # overrideAttrs f: the same package with attributes changed by `f`
        # (`f` takes the previous attributes, or final and previous ones).
        overrideAttrs = f: makeDerivation (final:
          let
            prev = attrsFn final;
            changes = if isFunction (f prev) then f final prev else f prev;
          in prev // changes);
        # override args: packages here take no arguments, so overriding
        # them gives the package unchanged (enough for `.override { … }`).
        override = _: result;
        overrideDerivation = f: makeDerivation (attrs // f drv);
      } // lib.optionalAttrs (attrs ? pname) { inherit (attrs) pname; }
        // lib.optionalAttrs (attrs ? version) { inherit (attrs) version; };
    in result;

in
{
  inherit makeDerivation isDrvArgument;
}
