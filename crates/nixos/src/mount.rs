//! Mounting the embedded nixpkgs tree into an evaluator's file system, and
//! the snapshot of its lowered trees.

use std::sync::{Arc, OnceLock};

use nixpen_eval::snapshot::Snapshot;
use nixpen_eval::{FileSystem, MemoryFs, OverlayFs, SearchPathEntry};

use crate::embedded::{files, snapshot_bytes, NIXPKGS_MOUNT};

/// The embedded tree as an in-memory file system rooted at [`NIXPKGS_MOUNT`].
pub fn nixpkgs_fs() -> MemoryFs {
    let fs = MemoryFs::new();
    for (rel, bytes) in files() {
        fs.add_shared(&format!("{NIXPKGS_MOUNT}/{rel}"), Arc::from(*bytes));
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

/// The lowered trees of the embedded `.nix` files as mounted by
/// [`with_nixpkgs`], for `EvalConfig::snapshot`: the evaluator then decodes
/// them instead of parsing them. Opened once; `None` in wasm32 builds (and
/// if the snapshot were ever invalid).
pub fn nixpkgs_snapshot() -> Option<Arc<Snapshot>> {
    static SNAPSHOT: OnceLock<Option<Arc<Snapshot>>> = OnceLock::new();
    SNAPSHOT.get_or_init(|| Snapshot::open(snapshot_bytes(), NIXPKGS_MOUNT, files()).map(Arc::new)).clone()
}
