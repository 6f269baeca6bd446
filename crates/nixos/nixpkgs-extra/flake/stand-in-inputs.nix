# Stand-ins for flakes that configurations often take as inputs and Nixpen
# cannot fetch (it has no network): home-manager, nixos-hardware and a few
# module collections. Each stands in with the modules configurations import
# from it; a module declares nothing itself, but marks the option prefixes
# its flake would declare (`nixpen.foreignModules.<name>`, read by
# nixos/lib/unknown-options.nix), so that definitions under them are
# accepted with a warning naming each, as options Nixpen does not model.
#
# { lib, makeFlake, sourceDir } -> [ { name; value; patterns; } ] (as
# builtin-inputs.nix lists its flakes).
{ lib, makeFlake, sourceDir }:

let
  zeroRev = "0000000000000000000000000000000000000000";

  # A stand-in module from input `input` named `name`, marking `prefixes`
  # (lists of names) as that input's options.
  module = input: name: prefixes: {
    _file = "${input}.nixosModules.${name} (a stand-in of Nixpen)";
    key = "nixpen-stand-in:${input}:${name}";
    config.nixpen.foreignModules."${input}.nixosModules.${name}" = { inherit input prefixes; };
  };

  # The flake value of a stand-in: its outputs, and where it would be
  # (a path that is not there, so files imported from it are missing).
  standIn = input: outputs:
    makeFlake ({ outPath = "/nixpen/unfetched/${input}"; } // outputs) {
      outPath = "/nixpen/unfetched/${input}";
      lastModified = 0;
      rev = zeroRev;
      shortRev = "0000000";
      narHash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    };

  # Modules named `default` and each of `names`, all marking `prefixes`.
  modules = input: names: prefixes: lib.genAttrs ([ "default" ] ++ names) (name: module input name prefixes);

  # nixos-hardware has some three hundred modules, one per machine; the
  # names a configuration takes from it are read from the text of the
  # flake's .nix files (`nixosModules.NAME`, in flake.nix and its folders).
  hardwareNames =
    let
      files = dir: depth: lib.concatLists (lib.mapAttrsToList (name: kind:
        if kind == "directory" && depth > 0 && !(lib.hasPrefix "." name) then files (dir + "/${name}") (depth - 1)
        else if kind == "regular" && lib.hasSuffix ".nix" name then [ (dir + "/${name}") ]
        else [ ]) (builtins.readDir dir));
      namesIn = text: map builtins.head (builtins.filter builtins.isList
        (builtins.split "nixosModules\\.([A-Za-z0-9_-]+)" text));
    in
    lib.unique (lib.concatMap (f: namesIn (builtins.readFile f)) (files sourceDir 3));

  github = owner: repo: [
    "github:${owner}/${repo}([/?].*)?"
    "(git\\+)?https://github\\.com/${owner}/${repo}([/?.].*)?"
    "(flake:)?${repo}"
  ];
in
[
  {
    name = "home-manager";
    patterns = github "nix-community" "home-manager";
    value = standIn "home-manager" {
      nixosModules = modules "home-manager" [ "home-manager" ] [ [ "home-manager" ] ];
      darwinModules = { };
      lib.hm = { };
    };
  }
  {
    name = "nixos-hardware";
    patterns = github "nixos" "nixos-hardware";
    value = standIn "nixos-hardware" {
      nixosModules = modules "nixos-hardware" hardwareNames [ ];
    };
  }
  {
    name = "sops-nix";
    patterns = github "mic92" "sops-nix";
    value = standIn "sops-nix" { nixosModules = modules "sops-nix" [ "sops" ] [ [ "sops" ] ]; };
  }
  {
    name = "agenix";
    patterns = github "ryantm" "agenix";
    value = standIn "agenix" { nixosModules = modules "agenix" [ "age" ] [ [ "age" ] ]; };
  }
  {
    name = "disko";
    patterns = github "nix-community" "disko";
    value = standIn "disko" { nixosModules = modules "disko" [ "disko" ] [ [ "disko" ] ]; };
  }
  {
    name = "impermanence";
    patterns = github "nix-community" "impermanence";
    value = standIn "impermanence" {
      nixosModules = modules "impermanence" [ "impermanence" ] [ [ "environment" "persistence" ] ];
    };
  }
]
