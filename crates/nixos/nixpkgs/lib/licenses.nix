# A few common software licenses, as in nixpkgs `lib.licenses`.
{ lib }:
let
  mk = shortName: spdxId: fullName: free: { inherit shortName spdxId fullName free; deprecated = false; redistributable = free; };
in
/** Licenses by nixpkgs attribute name, each `{ shortName, spdxId, fullName,
    free, redistributable, deprecated }`. Example: `lib.licenses.mit.spdxId` => `"MIT"` */
{
  mit = mk "mit" "MIT" "MIT License" true;
  asl20 = mk "asl20" "Apache-2.0" "Apache License 2.0" true;
  bsd2 = mk "bsd2" "BSD-2-Clause" "BSD 2-clause \"Simplified\" License" true;
  bsd3 = mk "bsd3" "BSD-3-Clause" "BSD 3-clause \"New\" or \"Revised\" License" true;
  gpl2Only = mk "gpl2Only" "GPL-2.0-only" "GNU General Public License v2.0 only" true;
  gpl2Plus = mk "gpl2Plus" "GPL-2.0-or-later" "GNU General Public License v2.0 or later" true;
  gpl3Only = mk "gpl3Only" "GPL-3.0-only" "GNU General Public License v3.0 only" true;
  gpl3Plus = mk "gpl3Plus" "GPL-3.0-or-later" "GNU General Public License v3.0 or later" true;
  lgpl21Plus = mk "lgpl21Plus" "LGPL-2.1-or-later" "GNU Lesser General Public License v2.1 or later" true;
  mpl20 = mk "mpl20" "MPL-2.0" "Mozilla Public License 2.0" true;
  isc = mk "isc" "ISC" "ISC License" true;
  zlib = mk "zlib" "Zlib" "zlib License" true;
  unfree = { shortName = "unfree"; fullName = "Unfree"; free = false; redistributable = false; deprecated = false; };
  publicDomain = { shortName = "publicDomain"; fullName = "Public Domain"; free = true; redistributable = true; deprecated = false; };
}
