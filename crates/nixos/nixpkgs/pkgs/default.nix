# Nixpen's package set: `import <nixpkgs> { system = …; }` gives `pkgs`.
# Every package is a derivation with a real store path (computed by the
# `derivation` builtin from a stub stdenv) that is instantiated, never built.
{ system ? null
, localSystem ? null
, overlays ? [ ]
, config ? { }
, ...
}:

let
  lib = import ../lib;

  # The platform packages are for: `system`, else `localSystem`, else x86_64-linux.
  hostSystem =
    if system != null then system
    else if localSystem != null then (if builtins.isString localSystem then localSystem else localSystem.system)
    else "x86_64-linux";

  # The stub standard environment every package names as its builder input.
  stdenvDrv = derivation {
    name = "stdenv-linux";
    system = hostSystem;
    builder = "/bin/sh";
    args = [ "-c" "echo 'Nixpen packages are never built' >&2; exit 1" ];
  };

  inherit (import ./make-derivation.nix { inherit lib stdenvDrv; system = hostSystem; }) makeDerivation;

  # package name entry: a package from one line of package-list.nix.
  package = attrName: { pname, version, bin ? pname, outputs ? [ "out" ], extra ? { } }:
    makeDerivation ({
      inherit pname version outputs;
      meta = {
        description = "${pname} (as packaged in nixos-unstable)";
        platforms = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      } // lib.optionalAttrs (bin != null) { mainProgram = bin; };
      passthru = extra;
    });

  # The package set before overlays, as a function of the final set.
  base = self:
    let
      trivial = import ./trivial-builders.nix { inherit lib makeDerivation; pkgs = self; };
      languages = import ./language-builders.nix { inherit lib makeDerivation; pkgs = self; };
      postgresqlServer = import ./postgresql.nix { inherit lib makeDerivation; inherit (trivial) buildEnv; };
      # PostgreSQL servers get their extras; deciding per package when it is
      # used, the whole list is not walked on every evaluation.
      listed = builtins.mapAttrs (name: entry:
        if entry.pname == "postgresql" then postgresqlServer (package name entry) else package name entry
      ) (import ./package-list.nix // optionalFile ./package-list-more.nix { });
    in
    listed // trivial // languages // {
      inherit lib config overlays;
      system = hostSystem;
      pkgs = self;
      buildPackages = self;
      pkgsBuildHost = self;
      hostPlatform = if lib ? systems && lib.systems ? elaborate then lib.systems.elaborate hostSystem
        else { system = hostSystem; isLinux = lib.hasSuffix "-linux" hostSystem; isDarwin = lib.hasSuffix "-darwin" hostSystem; };
      buildPlatform = self.hostPlatform;
      targetPlatform = self.hostPlatform;

      # The shell used by generated scripts.
      runtimeShell = "${self.bash}/bin/bash";
      runtimeShellPackage = self.bash;

      stdenv = stdenvDrv // {
        system = hostSystem;
        hostPlatform = self.hostPlatform;
        buildPlatform = self.hostPlatform;
        targetPlatform = self.hostPlatform;
        isLinux = lib.hasSuffix "-linux" hostSystem;
        isDarwin = lib.hasSuffix "-darwin" hostSystem;
        shell = "${self.bash}/bin/bash";
        shellDryRun = "${self.bash}/bin/bash -n -O extglob";
        cc = self.gcc;
        lib = lib;
        # stdenv.mkDerivation attrs: a package from `attrs` (or from a
        # function of the final attributes).
        mkDerivation = makeDerivation;
      };
      stdenvNoCC = self.stdenv;

      nginxStable = self.nginx;
      nginxModules = { };
      python = self.python3;
      python3Packages = { buildPythonApplication = self.buildPythonApplication; python = self.python3; };
      nodePackages = { };
      postgresqlPackages = self.postgresql.pkgs;
      xorg = { lndir = self.lndir; };
      rustPlatform = { inherit (self) buildRustPackage; };
      gccStdenv = self.stdenv;

      fetchurl = { url ? null, urls ? [ ], hash ? null, sha256 ? null, name ? baseNameOf (if url != null then url else builtins.head urls), ... }:
        makeDerivation {
          inherit name;
          urls = if url != null then [ url ] else urls;
          outputHashMode = "flat";
          outputHash = if hash != null then hash else sha256;
          outputHashAlgo = if hash != null then null else "sha256";
        };
      fetchFromGitHub = { owner, repo, rev ? null, tag ? null, hash ? null, sha256 ? null, name ? "source", ... }:
        makeDerivation {
          inherit name;
          url = "https://github.com/${owner}/${repo}/archive/${if tag != null then tag else rev}.tar.gz";
          outputHashMode = "recursive";
          outputHash = if hash != null then hash else sha256;
          outputHashAlgo = if hash != null then null else "sha256";
        };
      fetchgit = { url, rev ? "HEAD", hash ? null, sha256 ? null, name ? "source", ... }:
        makeDerivation {
          inherit name url rev;
          outputHashMode = "recursive";
          outputHash = if hash != null then hash else sha256;
          outputHashAlgo = if hash != null then null else "sha256";
        };

      # callPackage fn args: `fn` called with the packages it names.
      callPackage = fn: args:
        let
          f = if builtins.isFunction fn then fn else import fn;
          wanted = builtins.intersectAttrs (builtins.functionArgs f) self;
        in f (wanted // args);

      writers = { };
    } // optionalFile ./more.nix (_: { }) { inherit lib makeDerivation self listed; };

  # `import file`, or `default` when the file is not there (files the
  # browser loads after the first outputs, crates/nixos/src/extra.rs).
  optionalFile = file: default: if builtins.pathExists file then import file else default;

  extended = lib.foldl' (acc: overlay: lib.extends overlay acc) base overlays;
in
lib.fix extended
