# NixOS modules Nixpen models that most configurations do not touch: those
# declaring options without files of their own (boot loaders, the kernel
# and initrd, hardware, X and the desktop, network interfaces), swap
# devices (their fstab lines are tasks/filesystems.nix's) and
# services.httpd. Declaring them cost every render of the tutorial's flake
# (1.4M instructions of 55M), so a configuration gets them only when it
# defines one of their options: nixos/lib/eval-config.nix evaluates it
# first without them, and again with those its definitions of options not
# declared then call for (their prefixes overlap). A configuration that
# only reads such an option (`config.boot.loader.grub.enable`) fails the
# first evaluation, and the evaluation Target::stand_ins_expr makes then
# (crates/nixos/src/target.rs) has them all (misc/stand-ins.nix).
#
# { lib } -> { modules; needed; }
{ lib }:

let
  modules = [
    ./config/swap.nix
    ./system/boot/kernel.nix
    ./system/boot/loader.nix
    ./hardware/default.nix
    ./services/x11/xserver.nix
    ./tasks/network-interfaces.nix
    ./services/web-servers/apache-httpd/default.nix
  ];

  # The option paths module `file` declares, read from its `options`
  # alone (no configuration is evaluated).
  optionPaths = file:
    let
      declared = (import file { config = { }; inherit lib; pkgs = { }; utils = { }; options = { }; }).options;
      walk = prefix: set: lib.concatMap (name:
        let value = set.${name}; in
        if lib.isOption value then [ (prefix ++ [ name ]) ]
        else if builtins.isAttrs value then walk (prefix ++ [ name ]) value
        else [ ]) (builtins.attrNames set);
    in
    walk [ ] declared;

  # Whether one of two paths starts with the other.
  overlap = a: b:
    let n = lib.min (builtins.length a) (builtins.length b); in
    lib.take n a == lib.take n b;
in
{
  inherit modules;

  # needed definitions: the modules whose options overlap the paths of
  # `definitions` (as lib/modules.nix lists those of options not declared,
  # each with its `nixpenPrefix`).
  needed = definitions:
    builtins.filter (file:
      let paths = optionPaths file; in
      builtins.any (def: builtins.any (overlap def.nixpenPrefix) paths) definitions
    ) modules;
}
