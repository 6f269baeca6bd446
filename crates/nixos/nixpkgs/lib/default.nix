# Nixpen's nixpkgs library: the entry point (`<nixpkgs/lib>`).
#
# Every file takes `{ lib }` and returns one attribute set; this file wires
# them into one fixed point, exposes each as `lib.<file>` and, as nixpkgs
# does, lifts the commonly used functions to the top level.
let
  # A fixed point that can be patched with `lib.extend (final: prev: { … })`.
  makeLib = build:
    let self = build self // { extend = overlay: makeLib (final: let prev = build final; in prev // overlay final prev); };
    in self;

  lib = makeLib (lib:
    let
      callLib = file: import file { inherit lib; };
      # Parts few configurations use, which the browser loads after the
      # first outputs (crates/nixos/src/extra.rs); until then, using one
      # says so.
      callLater = name: file:
        if builtins.pathExists file then callLib file
        else throw "lib.${name} is not loaded yet: Nixpen loads it after the first outputs, and evaluates again then.";
      trivial = callLib ./trivial.nix;
      fixedPoints = callLib ./fixed-points.nix;
      attrsets = callLib ./attrsets.nix;
      lists = callLib ./lists.nix;
      strings = callLib ./strings.nix;
      asserts = callLib ./asserts.nix;
      debug = callLib ./debug.nix;
      modules = callLib ./modules.nix;
      options = callLib ./options.nix;
      types = callLib ./types.nix;
      generators = callLib ./generators.nix;
      meta = callLib ./meta.nix;
      versions = callLib ./versions.nix;
      systems = callLib ./systems.nix;
      customisation = callLib ./customisation.nix;
      fileset = callLater "fileset" ./fileset.nix;
      filesystem = callLib ./filesystem.nix;
      cli = callLater "cli" ./cli.nix;
      nixpen = callLib ./nixpen.nix;
      derivations = callLib ./derivations.nix;
      licenses = callLib ./licenses.nix;
      sources = callLib ./sources.nix;
      gvariant = callLater "gvariant" ./gvariant.nix;
      path = callLib ./path.nix;
      stringsWithDeps = callLib ./strings-with-deps.nix;
      kernel = callLib ./kernel.nix;
      sourceTypes = callLib ./source-types.nix;
    in
    {
      inherit trivial fixedPoints attrsets lists strings asserts debug modules options types
        generators meta versions systems customisation fileset filesystem cli nixpen derivations
        licenses sources gvariant path stringsWithDeps kernel sourceTypes;
      platforms = systems.doubles;
      inherit (builtins) getContext hasContext hashString parseDrvName placeholder fromJSON
        fromTOML toFile toJSON toString toXML tryEval addErrorContext unsafeGetAttrPos
        genericClosure readFile readDir pathExists typeOf isInt isBool isString isAttrs isList
        isPath baseNameOf dirOf elem elemAt length head tail filter map;
    }
    // trivial // fixedPoints // lists // strings // attrsets // asserts // debug
    // builtins.removeAttrs modules [ "collectModules" ] // options // customisation // derivations
    // {
      inherit (strings) splitString escapeShellArg;
      inherit (lists) remove take drop last init unique intersperse replicate;
      inherit (strings) hasPrefix hasSuffix removePrefix removeSuffix;
      inherit (meta) addMetaAttrs dontDistribute setName updateName appendToName mapDerivationAttrset
        setPrio lowPrio hiPrio lowPrioSet hiPrioSet licensesSpdx getLicenseFromSpdxId getExe getExe' platformMatch availableOn;
      inherit (versions) splitVersion;
      inherit (generators) mkKeyValueDefault;
      inherit (types) isType setType defaultTypeMerge defaultFunctor isOptionType mkOptionType;
      inherit (filesystem) pathType pathIsDirectory pathIsRegularFile;
      inherit (stringsWithDeps) textClosureList textClosureMap noDepEntry fullDepEntry packEntry stringAfter;
      inherit (sources) cleanSource cleanSourceWith cleanSourceFilter;
      inherit (generators) mkLuaInline;
      inherit (meta) getLicenseFromSpdxIdOr;
      inherit (builtins) hashFile;
      /** Deprecated alias of `imap1`. Example: `imap (i: x: i) [ "a" ]` => `[ 1 ]` */
      imap = lists.imap1;
      /** The type of a path's target (`builtins.readFileType`, with a `readDir` fallback). */
      readFileType = filesystem.pathType;
      fakeHash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
      fakeSha256 = "0000000000000000000000000000000000000000000000000000000000000000";
      fakeSha512 = "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
    });
in
lib
