# Extra module arguments NixOS passes to every module (`utils`).
{ lib, pkgs, config, ... }:

{
  config._module.args.utils = import ../system/systemd/utils.nix { inherit lib pkgs config; };
}
