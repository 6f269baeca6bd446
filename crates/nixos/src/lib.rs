//! Nixpen's small nixpkgs: the Nix tree under `crates/nixos/nixpkgs/`
//! (lib, NixOS modules, renderers, pkgs, flakes) embedded in the binary, and
//! the Rust that mounts it for the evaluator and extracts results.

pub mod embedded;
mod mount;

pub use mount::{nixpkgs_fs, nixpkgs_search_entry, with_nixpkgs};
