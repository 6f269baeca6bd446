# Every NixOS module Nixpen models, in the order NixOS lists them. Those of
# the second list belong to the files the browser loads after the first
# outputs (crates/nixos/src/extra.rs), and are imported once there; more
# are imported only by configurations that use them (lazy-module-list.nix).
[
  ./misc/nixpkgs.nix
  ./misc/assertions.nix
  ./misc/unknown-options.nix
  ./misc/nixpen.nix
  ./misc/version.nix
  ./misc/ids.nix
  ./misc/extra-arguments.nix
  ./system/build.nix
  ./system/boot/container.nix
  ./system/systemd/default.nix
  ./system/systemd/tmpfiles.nix
  ./config/networking.nix
  ./config/users.nix
  ./config/environment.nix
  ./config/etc.nix
  ./config/locale.nix
  ./services/networking/firewall.nix
  ./services/networking/firewall-iptables.nix
  ./services/nginx/default.nix
  ./security/acme.nix
]
++ builtins.filter builtins.pathExists [
  ./config/nix.nix
  ./tasks/filesystems.nix
  ./services/networking/openssh.nix
  ./services/databases/postgresql.nix
  ./security/acme-units.nix
]
