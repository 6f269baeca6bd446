//! Mounting the embedded nixpkgs tree into an evaluator's file system.

use std::sync::Arc;

use nixpen_eval::{FileSystem, MemoryFs, OverlayFs, SearchPathEntry};

use crate::embedded::{files, NIXPKGS_MOUNT};

/// The embedded tree as an in-memory file system rooted at [`NIXPKGS_MOUNT`].
pub fn nixpkgs_fs() -> MemoryFs {
    let fs = MemoryFs::new();
    for (rel, bytes) in files() {
        fs.add_file(&format!("{NIXPKGS_MOUNT}/{rel}"), bytes.to_vec());
    }
    fs
}

/// `base` with the embedded tree mounted read-only at [`NIXPKGS_MOUNT`].
pub fn with_nixpkgs(base: Arc<dyn FileSystem>) -> OverlayFs {
    OverlayFs::new().with_mount("/", base, "/").with_mount(NIXPKGS_MOUNT, Arc::new(nixpkgs_fs()), NIXPKGS_MOUNT)
}

/// The search-path entry `nixpkgs=/nixpen/nixpkgs`, placed after `-I` and
/// `NIX_PATH` so that either can point `<nixpkgs>` elsewhere.
pub fn nixpkgs_search_entry() -> SearchPathEntry {
    SearchPathEntry { prefix: "nixpkgs".into(), path: NIXPKGS_MOUNT.into() }
}
