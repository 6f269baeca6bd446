# Overriding functions and package sets.
{ lib }:
rec {
  /** Make the result of `f origArgs` overridable with `.override`.
      Example: `(makeOverridable ({ a }: { inherit a; }) { a = 1; }).override { a = 2; }` => `{ a = 2; … }` */
  makeOverridable = f: origArgs:
    let
      result = f origArgs;
      overrideWith = newArgs: origArgs // (if lib.trivial.isFunction newArgs then newArgs origArgs else newArgs);
      override = newArgs: makeOverridable f (overrideWith newArgs);
    in
    if builtins.isAttrs result then result // { inherit override; overrideDerivation = fdrv: overrideDerivation result fdrv; }
    else if lib.trivial.isFunction result then { __functor = self: result; inherit override; }
    else result;

  /** Override derivation attributes (old interface). Example: `overrideDerivation drv (old: { })` */
  overrideDerivation = drv: f: drv // (f drv);

  /** Call a package function with arguments taken from `autoArgs` plus overrides.
      Example: `callPackageWith { a = 1; } ({ a }: a) { }` => `1` */
  callPackageWith = autoArgs: fn: args:
    let
      f = if lib.trivial.isFunction fn then fn else import fn;
      fargs = lib.trivial.functionArgs f;
      allArgs = builtins.intersectAttrs fargs autoArgs // args;
      missing = lib.attrsets.filterAttrs (name: hasDefault: !hasDefault && !(allArgs ? ${name})) fargs;
    in
    if missing == { } then makeOverridable f allArgs
    else throw "Function called without required argument \"${builtins.head (builtins.attrNames missing)}\"";

  /** Like `callPackageWith` for functions returning sets of packages. */
  callPackagesWith = autoArgs: fn: args: callPackageWith autoArgs fn args;

  /** A scope with `callPackage`, `newScope` and `overrideScope`.
      Example: `(makeScope newScope (self: { a = 1; })).a` => `1` */
  makeScope = newScope: f:
    let
      self = f self // {
        newScope = scope: newScope (self // scope);
        callPackage = self.newScope { };
        overrideScope = g: makeScope newScope (lib.fixedPoints.extends g f);
        packages = f;
      };
    in self;

  /** A fake derivation-ish attrset with a name, for tests and documentation.
      Example: `(lib.customisation.hydraJob drv)` */
  hydraJob = drv: drv;
}
