//! The embedded nixpkgs tree: listing, dumping to disk, and the mount point
//! at which the evaluator sees it.

use std::{fs, io, path::Path};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Where the evaluator's file system shows the embedded tree; `<nixpkgs>`
/// resolves here unless `-I nixpkgs=…` or `NIX_PATH` says otherwise.
pub const NIXPKGS_MOUNT: &str = "/nixpen/nixpkgs";

/// Every embedded file as (path relative to the tree root, contents).
///
/// ```
/// assert!(nixpen_nixos::embedded::files().iter().any(|(p, _)| *p == "lib/default.nix"));
/// ```
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    #[cfg(not(target_arch = "wasm32"))]
    return generated::FILES;
    // Unpacked on first use and kept for the program's life, as the
    // uncompressed files are natively.
    #[cfg(target_arch = "wasm32")]
    {
        static FILES: std::sync::OnceLock<Vec<(&str, &[u8])>> = std::sync::OnceLock::new();
        FILES.get_or_init(|| {
            let size = generated::SIZES.iter().map(|(_, len)| len).sum();
            let mut text: &'static [u8] = crate::lzma::decode(generated::PACKED, size).leak();
            let file = |&(rel, len): &(&'static str, usize)| {
                let (bytes, rest) = text.split_at(len);
                text = rest;
                (rel, bytes)
            };
            generated::SIZES.iter().map(file).collect()
        })
    }
}

/// The embedded `.nix` files lowered at build time, for
/// `nixpen_eval::snapshot::Snapshot::open` (see `build.rs`); empty in wasm32
/// builds.
pub fn snapshot_bytes() -> &'static [u8] {
    include_bytes!(concat!(env!("OUT_DIR"), "/nixpkgs.snapshot"))
}

/// Writes the embedded tree under `dir` (created if missing), so that real Nix
/// can evaluate it: `nix-instantiate -I nixpkgs=DIR …`.
pub fn dump(dir: &Path) -> io::Result<usize> {
    for (rel, bytes) in files() {
        let target = dir.join(rel);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, bytes)?;
    }
    Ok(files().len())
}
