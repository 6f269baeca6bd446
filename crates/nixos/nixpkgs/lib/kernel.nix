# Values of Linux kernel configuration options (`boot.kernelPatches`,
# `structuredExtraConfig`).
{ lib }:
{
  /** Mark a kernel option as optional (missing options are not an error).
      Example: `option yes` => `{ tristate = "y"; optional = true; }` */
  option = x: x // { optional = true; };

  /** Built in. Example: `yes.tristate` => `"y"` */
  yes = { tristate = "y"; optional = false; };
  /** Disabled. Example: `no.tristate` => `"n"` */
  no = { tristate = "n"; optional = false; };
  /** Built as a module. Example: `module.tristate` => `"m"` */
  module = { tristate = "m"; optional = false; };
  /** Left unset. Example: `unset.tristate` => `null` */
  unset = { tristate = null; optional = false; };
  /** A free-form value. Example: `freeform "64"` => `{ freeform = "64"; optional = false; }` */
  freeform = x: { freeform = x; optional = false; };

  /** `mkIf` helpers comparing a kernel version.
      Example: `(whenHelpers "6.1").whenAtLeast "5.15" yes` */
  whenHelpers = version: {
    whenAtLeast = ver: lib.modules.mkIf (lib.strings.versionAtLeast version ver);
    whenOlder = ver: lib.modules.mkIf (lib.strings.versionOlder version ver);
    whenBetween = low: high: lib.modules.mkIf (lib.strings.versionAtLeast version low && lib.strings.versionOlder version high);
  };
}
