# Kinds of package sources for `meta.sourceProvenance`.
{ lib }:
let
  kind = name: extra: { shortName = name; isSource = false; } // extra;
in
/** Source kinds by name, each `{ shortName, isSource }`.
    Example: `lib.sourceTypes.fromSource.isSource` => `true` */
{
  fromSource = kind "fromSource" { isSource = true; };
  binaryNativeCode = kind "binaryNativeCode" { };
  binaryBytecode = kind "binaryBytecode" { };
  binaryFirmware = kind "binaryFirmware" { };
  obfuscatedCode = kind "obfuscatedCode" { };
}
