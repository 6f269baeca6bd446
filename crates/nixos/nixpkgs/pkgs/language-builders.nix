# Language builders with nixpkgs' names and arguments: buildGoModule,
# buildRustPackage, buildNpmPackage, buildPythonApplication. They only
# shape the derivation (name, inputs, hashes); nothing is ever built.
{ lib, pkgs, makeDerivation }:

let
  # withCommon attrs extra: `attrs` without the function-only arguments,
  # plus `extra`, as derivation attributes.
  withCommon = attrs: extra: makeDerivation ((removeAttrs attrs [ "overrideModAttrs" ]) // extra);
in
{
  # buildGoModule { pname, version, src, vendorHash | vendorSha256, … }: a Go
  # program built with the modules vendored in a fixed-output derivation.
  buildGoModule = { vendorHash ? null, vendorSha256 ? null, nativeBuildInputs ? [ ], ... }@attrs:
    let
      hash = if vendorHash != null then vendorHash else vendorSha256;
      name = attrs.name or "${attrs.pname}-${toString attrs.version}";
      goModules = if hash == null then null else makeDerivation {
        name = "${name}-go-modules";
        inherit (attrs) src;
        outputHashMode = "recursive";
        outputHashAlgo = if lib.hasPrefix "sha256-" hash then null else "sha256";
        outputHash = hash;
        nativeBuildInputs = [ pkgs.go pkgs.git pkgs.cacert ];
      };
    in
    withCommon (removeAttrs attrs [ "vendorHash" "vendorSha256" ]) ({
      nativeBuildInputs = [ pkgs.go ] ++ nativeBuildInputs;
      passthru = { inherit goModules; go = pkgs.go; } // (attrs.passthru or { });
      meta = { mainProgram = attrs.pname or null; platforms = pkgs.go.meta.platforms or [ ]; } // (attrs.meta or { });
    } // lib.optionalAttrs (goModules != null) { inherit goModules; });

  # buildRustPackage { pname, version, src, cargoHash, … }: a Rust program
  # built by cargo.
  buildRustPackage = { nativeBuildInputs ? [ ], ... }@attrs:
    withCommon (removeAttrs attrs [ "cargoHash" "cargoSha256" "cargoLock" ]) {
      nativeBuildInputs = [ pkgs.cargo pkgs.rustc ] ++ nativeBuildInputs;
      meta = { mainProgram = attrs.pname or null; } // (attrs.meta or { });
    };

  # buildNpmPackage { pname, version, src, npmDepsHash, … }: a Node.js
  # package built with npm.
  buildNpmPackage = { nativeBuildInputs ? [ ], nodejs ? pkgs.nodejs, ... }@attrs:
    withCommon (removeAttrs attrs [ "npmDepsHash" "nodejs" ]) {
      nativeBuildInputs = [ nodejs ] ++ nativeBuildInputs;
      meta = { mainProgram = attrs.pname or null; } // (attrs.meta or { });
    };

  # buildPythonApplication { pname, version, src, … }: a Python program.
  buildPythonApplication = { nativeBuildInputs ? [ ], ... }@attrs:
    withCommon (removeAttrs attrs [ "propagatedBuildInputs" "dependencies" ]) {
      nativeBuildInputs = [ pkgs.python3 ] ++ nativeBuildInputs;
      meta = { mainProgram = attrs.pname or null; } // (attrs.meta or { });
    };
}
