# The flakes Nixpen provides as inputs instead of fetching them: which
# flake references name them, and their values (outputs plus source info,
# as Nix gives an input).
# `flakeFile`: the flake.nix being evaluated (its text names the packages
# its NixOS configurations get stand-ins for).
# `unfetched`: the inputs ({ name; ref; }) Nixpen cannot provide, which its
# NixOS configurations warn about.
{ lib, formatDate, flakeFile ? null, unfetched ? [ ] }:

let
  inherit (builtins) match;

  # makeFlake outputs info: a flake value as Nix passes it to `outputs`.
  makeFlake = outputs: info:
    let sourceInfo = info // { lastModifiedDate = formatDate info.lastModified; };
    in outputs // sourceInfo // {
      inherit outputs sourceInfo;
      inputs = { };
      _type = "flake";
    };

  zeroRev = "0000000000000000000000000000000000000000";

  # Our nixpkgs: `lib.nixosSystem`, `legacyPackages`, and `import`able.
  nixpkgs =
    let
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" "i686-linux" "armv7l-linux" "riscv64-linux" ];
      flakeLib = lib // {
        # nixosSystem { system, modules, specialArgs, … }: a NixOS
        # configuration, as nixpkgs' flake gives it.
        nixosSystem = args: import ../nixos/lib/eval-config.nix (
          { system = null; } // args // {
            lib = flakeLib;
            modules = (args.modules or [ ]) ++ [
              { nixpkgs.flake.source = lib.mkDefault (toString ../.); }
            ] ++ lib.optional (flakeFile != null) { nixpen.sourceFiles = [ (toString flakeFile) ]; }
            ++ lib.optional (unfetched != [ ]) {
              warnings = map (i: "input '${i.name}' ('${i.ref}'): Nixpen cannot fetch it; this configuration renders without it, and fails where it uses it") unfetched;
            };
          });
      };
      outputs = {
        lib = flakeLib;
        legacyPackages = lib.genAttrs systems (system: import ../pkgs { inherit system; });
        nixosModules = { notDetected = { }; readOnlyPkgs = { }; };
        htmlDocs = { };
      };
    in
    makeFlake outputs {
      outPath = ../.;
      lastModified = 1763942400;
      rev = zeroRev;
      shortRev = "0000000";
      revCount = 0;
      narHash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    };

  flakeUtils = makeFlake (import ../flake-utils { inherit lib; }).outputs {
    outPath = ../flake-utils;
    lastModified = 1731533236;
    rev = zeroRev;
    shortRev = "0000000";
    narHash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  };

  systemsFlake = makeFlake (lib.genAttrs [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ] (s: s) // {
    outPath = ../flake-utils;
  }) {
    outPath = ../flake-utils;
    lastModified = 1681028828;
    rev = zeroRev;
    shortRev = "0000000";
  };

  # Patterns (POSIX regular expressions over the lower-cased reference)
  # recognising each built-in flake.
  known = [
    {
      name = "nixpkgs";
      value = nixpkgs;
      patterns = [
        "(flake:)?nixpkgs(/.*)?"
        "(flake:)?nixpkgs-unstable"
        "github:nixos/nixpkgs([/?].*)?"
        "(git\\+)?https://github\\.com/nixos/nixpkgs([/?.].*)?"
        "https://(channels\\.)?nixos\\.org/.*"
        "https://nixos\\.org/channels/.*"
        "tarball\\+https://(channels\\.)?nixos\\.org/.*"
        "https://flakehub\\.com/f/nixos/nixpkgs/.*"
      ];
    }
    {
      name = "flake-utils";
      value = flakeUtils;
      patterns = [
        "(flake:)?flake-utils(/.*)?"
        "github:numtide/flake-utils([/?].*)?"
        "(git\\+)?https://github\\.com/numtide/flake-utils([/?.].*)?"
      ];
    }
    {
      name = "systems";
      value = systemsFlake;
      patterns = [ "github:nix-systems/[a-z0-9-]+([/?].*)?" "(flake:)?systems" ];
    }
  ];

  # Stand-ins for home-manager, nixos-hardware, … (loaded later in the
  # browser), looked at only for a reference no flake above matches.
  standIns = lib.optionals (builtins.pathExists ./stand-in-inputs.nix && flakeFile != null)
    (import ./stand-in-inputs.nix { inherit lib makeFlake; sourceDir = dirOf flakeFile; });

  # The first of `flakes` a lower-cased reference matches, or null.
  find = flakes: lower:
    let hits = builtins.filter (k: builtins.any (p: match p lower != null) k.patterns) flakes; in
    if hits == [ ] then null else (builtins.head hits).value;
in
{
  # resolve reference: the built-in flake for a flake reference string,
  # or null when Nixpen has none.
  resolve = ref:
    let
      lower = lib.toLower ref;
      builtin = find known lower;
    in
    if builtin != null then builtin else find standIns lower;

  names = map (k: k.name) (known ++ standIns);
}
