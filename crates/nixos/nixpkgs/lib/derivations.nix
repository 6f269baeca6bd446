# Helpers about derivations.
{ lib }:
{
  /** Make the attributes of a derivation lazy with respect to its outputs.
      Example: `lazyDerivation { derivation = drv; }` */
  lazyDerivation = { derivation, meta ? null, passthru ? { }, outputs ? derivation.outputs }:
    { type = "derivation"; inherit (derivation) name drvPath outPath; inherit outputs; meta = if meta == null then derivation.meta or { } else meta; } // passthru;

  /** Warn once the derivation is used. Example: `warnOnInstantiate "old" drv` */
  warnOnInstantiate = msg: drv: drv // { drvPath = lib.trivial.warn msg drv.drvPath; };
}
