# Helpers for package `meta` attributes and platform matching.
{ lib }:
rec {
  /** Add attributes to a derivation's `meta`. Example: `addMetaAttrs { description = "x"; } drv` */
  addMetaAttrs = newAttrs: drv: drv // { meta = (drv.meta or { }) // newAttrs; };

  /** Mark a derivation as not distributable by Hydra. Example: `dontDistribute drv` */
  dontDistribute = drv: addMetaAttrs { hydraPlatforms = [ ]; } drv;

  /** Set the `name` of a derivation. Example: `(setName "x" drv).name` => `"x"` */
  setName = name: drv: drv // { inherit name; };

  /** Rename with a function. Example: `updateName (n: n + "-x") drv` */
  updateName = updater: drv: drv // { name = updater (drv.name); };

  /** Append a suffix to the name before the version. Example: `appendToName "wrapped" drv` */
  appendToName = suffix: updateName (name:
    let x = builtins.parseDrvName name; in "${x.name}-${suffix}-${x.version}");

  /** Apply a function to every derivation of an attrset. Example: `mapDerivationAttrset lowPrio { }` */
  mapDerivationAttrset = f: set: lib.attrsets.mapAttrs (name: pkg: if lib.attrsets.isDerivation pkg then f pkg else pkg) set;

  /** Set `meta.priority`. Example: `(setPrio 5 drv).meta.priority` => `5` */
  setPrio = priority: addMetaAttrs { inherit priority; };
  /** Low install priority. Example: `lowPrio drv` */
  lowPrio = setPrio 10;
  /** High install priority. Example: `hiPrio drv` */
  hiPrio = setPrio (-10);
  /** `lowPrio` for every derivation of a set. */
  lowPrioSet = set: mapDerivationAttrset lowPrio set;
  /** `hiPrio` for every derivation of a set. */
  hiPrioSet = set: mapDerivationAttrset hiPrio set;

  /** Whether a platform matches a pattern (string system or attrset pattern).
      Example: `platformMatch { system = "x86_64-linux"; } "x86_64-linux"` => `true` */
  platformMatch = platform: elem:
    if builtins.isString elem then platform ? system && elem == platform.system
    else lib.attrsets.matchAttrs (elem.parsed or elem) (platform.parsed or platform);

  /** Whether a package is available on a platform per `meta.platforms`/`badPlatforms`.
      Example: `availableOn { system = "x86_64-linux"; } pkg` */
  availableOn = platform: pkg:
    ((!pkg ? meta.platforms) || builtins.any (platformMatch platform) pkg.meta.platforms)
    && builtins.all (elem: !platformMatch platform elem) (pkg.meta.badPlatforms or [ ]);

  /** SPDX identifiers mapped to licenses. Example: `licensesSpdx.MIT.shortName` => `"mit"` */
  licensesSpdx = lib.attrsets.mapAttrs' (_: l: lib.attrsets.nameValuePair l.spdxId l)
    (lib.attrsets.filterAttrs (_: l: l ? spdxId) lib.licenses);

  /** The license with an SPDX id, or an unknown one. Example: `(getLicenseFromSpdxId "MIT").shortName` => `"mit"` */
  getLicenseFromSpdxId = id: licensesSpdx.${id} or { shortName = id; spdxId = id; fullName = id; free = false; };

  /** The main program of a package: `${pkg}/bin/${meta.mainProgram or pname}`.
      Example: `getExe pkgs.hello` => `"/nix/store/…-hello/bin/hello"` */
  getExe = x:
    getExe' x (x.meta.mainProgram or (lib.trivial.warn
      "getExe: Package ${lib.strings.escapeNixIdentifier x.meta.name or x.pname or x.name} does not have the meta.mainProgram attribute. We'll assume that the main program has the same name for now, but this behavior is deprecated, because it leads to surprising errors when the assumption does not hold. If the package has a main program, please set `meta.mainProgram` in its definition to make this warning go away. Otherwise, if the package does not have a main program, or if you don't control its definition, use getExe' to specify the name to the program, such as lib.getExe' foo \"bar\"."
      (lib.strings.getName x)));

  /** A named program of a package. Example: `getExe' pkgs.imagemagick "convert"` */
  getExe' = x: y:
    assert lib.assertMsg (lib.attrsets.isDerivation x) "lib.meta.getExe': The first argument is of type ${builtins.typeOf x}, but it should be a derivation instead.";
    assert lib.assertMsg (builtins.isString y) "lib.meta.getExe': The second argument is of type ${builtins.typeOf y}, but it should be a string instead.";
    assert lib.assertMsg (builtins.match ".*/.*" y == null) "lib.meta.getExe': The second argument \"${y}\" is a nested path with a \"/\" character, but it should just be the name of the executable instead.";
    "${lib.attrsets.getBin x}/bin/${y}";

  /** The default `meta.priority`. Example: `defaultPriority` => `5` */
  defaultPriority = 5;
  /** The license with an SPDX id, or `default`. Example: `getLicenseFromSpdxIdOr "MIT" null` */
  getLicenseFromSpdxIdOr = id: default: licensesSpdx.${id} or default;
}
