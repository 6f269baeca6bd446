# Fixed points and overlays.
{ lib }:
rec {
  /** The fixed point of a function. Example: `fix (self: { a = 1; b = self.a + 1; })` => `{ a = 1; b = 2; }` */
  fix = f: let x = f x; in x;

  /** Like `fix`, also passing the unfixed function as `__unfix__`.
      Example: `(fix' (self: { a = 1; })).a` => `1` */
  fix' = f: let x = f x // { __unfix__ = f; }; in x;

  /** Iterate `f` from `x` until a fixed point (by `==`). Example: `converge (x: x / 2) 16` => `0` */
  converge = f: x: let x' = f x; in if x' == x then x else converge f x';

  /** Extend a fixed-point function with an overlay `final: prev: …`.
      Example: `fix (extends (final: prev: { b = prev.a + 1; }) (self: { a = 1; }))` => `{ a = 1; b = 2; }` */
  extends = overlay: f: final: let prev = f final; in prev // overlay final prev;

  /** Compose two overlays into one. Example: `composeExtensions o1 o2` */
  composeExtensions = f: g: final: prev:
    let fApplied = f final prev; prev' = prev // fApplied; in fApplied // g final prev';

  /** Compose a list of overlays. Example: `composeManyExtensions [ o1 o2 ]` */
  composeManyExtensions = lib.foldr (x: y: composeExtensions x y) (final: prev: { });

  /** A fixed point with an `extend` function to add overlays.
      Example: `(makeExtensible (self: { a = 1; })).extend (final: prev: { a = 2; })` => `{ a = 2; … }` */
  makeExtensible = makeExtensibleWithCustomName "extend";

  /** `makeExtensible` with a chosen name for the extension function. */
  makeExtensibleWithCustomName = extenderName: rattrs:
    fix' (self: (rattrs self) // { ${extenderName} = f: makeExtensibleWithCustomName extenderName (extends f rattrs); });

  /** Turn a function into an overlay-style one that also sees its own result.
      Example: `toExtension { a = 1; } { } { }` => `{ a = 1; }` */
  toExtension = f:
    if lib.isFunction f then final: prev: let fPrev = f prev; in if lib.isFunction fPrev then f final prev else fPrev
    else final: prev: f;
}
