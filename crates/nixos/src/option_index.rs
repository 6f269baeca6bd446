//! The index of NixOS's option paths: which names NixOS declares, so that a
//! definition Nixpen does not model can be told from a typo (see
//! `nixpkgs/nixos/lib/option-index.nix`, which reads it, and
//! `scripts/nixos_option_index.py`, which makes it from a nixpkgs checkout).
//!
//! Native builds embed it in the nixpkgs tree at [`PATH_IN_TREE`]. The
//! browser build leaves it out of the first download: the app fetches the
//! file [`SOURCE`] names (served beside the wasm) after the first outputs
//! and adds its bytes to the mounted tree at [`PATH_IN_TREE`]
//! (`nixpkgs_memory_fs.add_file("/nixos/option-index.nix", bytes)`, the tree
//! being mounted at `/nixpen/nixpkgs`); the next evaluation uses it. Until
//! then, a definition Nixpen does not declare and that is not a likely typo
//! is accepted with a warning saying it is unchecked
//! (`unmodelled[].checked` is false in the rendered result).

/// Where the index sits in the nixpkgs tree (relative to its root).
pub const PATH_IN_TREE: &str = "nixos/option-index.nix";

/// The index's source file in this repository, relative to the crate
/// `nixpen-nixos` (what the app serves and fetches).
pub const SOURCE: &str = "option-index/option-index.nix";

/// The index's text: embedded natively, `None` in wasm32 builds.
///
/// ```
/// # #[cfg(not(target_arch = "wasm32"))]
/// assert!(nixpen_nixos::option_index::embedded().unwrap().starts_with(b"# NixOS's option paths"));
/// ```
pub fn embedded() -> Option<&'static [u8]> {
    crate::embedded::files().iter().find(|(rel, _)| *rel == PATH_IN_TREE).map(|(_, bytes)| *bytes)
}
