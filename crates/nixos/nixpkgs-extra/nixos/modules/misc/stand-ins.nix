# Added (by `Target::stand_ins_expr`, crates/nixos/src/target.rs) only to
# evaluate once more a configuration whose render failed as one naming a
# package Nixpen's set lacks would: it gives `pkgs` a stand-in for each
# name the configuration's own files take from it and the set lacks (see
# pkgs/stand-ins.nix). A configuration using only packages Nixpen has never
# pays for reading its files. The same error may come from reading an
# option of a module imported only when used (`config.boot.loader.grub.enable`,
# see ../lazy-module-list.nix): this evaluation has them all.
{ config, lib, ... }:

let
  standIns = import ../../../pkgs/stand-ins.nix { inherit lib; };
in
{
  imports = (import ../lazy-module-list.nix { inherit lib; }).modules;

  nixpkgs.overlays = lib.mkBefore [
    (standIns.overlay (standIns.namesIn (map builtins.readFile config.nixpen.sourceFiles)))
  ];
}
