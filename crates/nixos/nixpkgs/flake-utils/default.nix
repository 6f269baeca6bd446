# The built-in `github:numtide/flake-utils` flake: helpers to write flake
# outputs for several systems (eachSystem, eachDefaultSystem, mkApp, …),
# with flake-utils' names and behaviour.
{ lib ? import ../lib }:

let
  inherit (builtins) foldl' attrNames listToAttrs isAttrs;

  defaultSystems = [ "aarch64-linux" "aarch64-darwin" "x86_64-darwin" "x86_64-linux" ];

  allSystems = [
    "aarch64-darwin" "aarch64-genode" "aarch64-linux" "aarch64-netbsd" "aarch64-none"
    "armv5tel-linux" "armv6l-linux" "armv7a-linux" "armv7l-linux" "i686-linux" "i686-netbsd"
    "mipsel-linux" "powerpc64le-linux" "riscv64-linux" "x86_64-darwin" "x86_64-freebsd"
    "x86_64-genode" "x86_64-linux" "x86_64-netbsd" "x86_64-none" "x86_64-solaris"
  ];

  # eachSystem systems f: outputs `f system` for each system, regrouped
  # so that `f`'s `packages.default` becomes `packages.<system>.default`.
  eachSystem = systems: f:
    foldl' (acc: system:
      let ret = f system; in
      foldl' (acc: key: acc // {
        ${key} = (acc.${key} or { }) // { ${system} = ret.${key}; };
      }) acc (attrNames ret)) { } systems;

  # eachSystemMap systems f: `{ <system> = f system; }` for each system.
  eachSystemMap = systems: f: listToAttrs (map (system: { name = system; value = f system; }) systems);

  # mkApp { drv, name, exePath }: a flake app running the package's program.
  mkApp = { drv, name ? drv.pname or drv.name, exePath ? drv.passthru.exePath or "/bin/${name}" }: {
    type = "app";
    program = "${drv}${exePath}";
  };

  # flattenTree tree: nested package sets flattened to "a/b/c" names.
  flattenTree = tree:
    let
      go = prefix: value:
        if isAttrs value && (value.type or null) == "derivation" then [ { name = lib.concatStringsSep "/" prefix; inherit value; } ]
        else if isAttrs value && (value.recurseForDerivations or false) then
          lib.concatMap (n: go (prefix ++ [ n ]) value.${n}) (attrNames value)
        else [ ];
    in
    listToAttrs (lib.concatMap (n: go [ n ] tree.${n}) (attrNames tree));

  # filterPackages system packages: the packages available on `system`.
  filterPackages = system: packages: lib.filterAttrs (_: p:
    let platforms = p.meta.platforms or null; in
    platforms == null || builtins.elem system platforms) packages;

  system = listToAttrs (map (s: { name = s; value = s; }) allSystems);

  flakeLib = {
    inherit defaultSystems allSystems eachSystem eachSystemMap mkApp flattenTree filterPackages system;
    eachDefaultSystem = eachSystem defaultSystems;
    eachDefaultSystemMap = eachSystemMap defaultSystems;
    # eachSystemPassThrough systems f: `f system` merged over the systems.
    eachSystemPassThrough = systems: f: foldl' (acc: s: lib.recursiveUpdate acc (f s)) { } systems;
    eachDefaultSystemPassThrough = f: flakeLib.eachSystemPassThrough defaultSystems f;
    # meld args paths: the flake outputs of several files merged.
    meld = args: paths: foldl' (acc: p: lib.recursiveUpdate acc (import p args)) { } paths;
  };
in
{
  lib = flakeLib;
  # The flake's own outputs.
  outputs = {
    lib = flakeLib;
    templates = { };
  };
}
