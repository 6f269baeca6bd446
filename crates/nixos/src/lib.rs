//! Nixpen's small nixpkgs: the Nix tree under `crates/nixos/nixpkgs/`
//! (lib, NixOS modules, renderers, pkgs, flakes) embedded in the binary, and
//! the Rust that mounts it for the evaluator, builds the expressions for
//! rendering and listing options, and reads their results.

pub mod diff;
pub mod embedded;
pub mod explain;
pub mod extra;
pub mod graph;
pub mod kind;
#[cfg(any(target_arch = "wasm32", test))]
mod lzma;
#[cfg(test)]
mod lzma_pack;
mod mount;
pub mod rendered;
#[cfg(test)]
mod strip_comments;
pub mod target;

pub use explain::{Explanation, LineSource, Sources};
pub use kind::SourceKind;
pub use mount::{nixpkgs_fs, nixpkgs_search_entry, nixpkgs_snapshot, with_nixpkgs};
pub use rendered::{Firewall, MissingImport, Package, PortRange, Ports, Rendered, Unmodelled};
pub use target::Target;
