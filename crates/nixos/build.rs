//! Embeds every file under `nixpkgs/` into the binary: generates
//! `$OUT_DIR/embedded.rs` holding `(relative path, bytes)` pairs, sorted by
//! path, and, for native targets, `$OUT_DIR/nixpkgs.snapshot`: the `.nix`
//! files lowered by `nixpen_eval::snapshot::write`, so the evaluator need not
//! parse them at run time. A `.nix` file that does not parse fails the build.
//! For wasm32 the snapshot is empty: there the download size matters more;
//! the `.nix` files have their comment-only lines blanked, the `README.md`
//! notes are left out
//! (`src/strip_comments.rs`), and all files are packed, in path order, into
//! one LZMA stream (`src/lzma_pack.rs`, written to `$OUT_DIR/nixpkgs.lzma`,
//! unpacked once at run time by `src/lzma.rs`; the gzip or brotli that
//! serves the wasm packs Nix text less tightly), so `embedded.rs` holds
//! `(relative path, length)` pairs and the stream. Native builds embed the files as they are, so `nixpen
//! dump-nixpkgs` writes the full source.
//!
//! Native builds also embed the files of `nixpkgs-extra/` in the tree, at
//! the same relative paths (the index of NixOS's option paths, the modules
//! and helpers for real configurations); the browser build leaves them out
//! of its first download (the app fetches them after the first outputs and
//! adds them to the tree, see `src/extra.rs`).
use std::{env, fs, path::Path};

#[path = "src/lzma_pack.rs"]
mod lzma_pack;
#[path = "src/strip_comments.rs"]
mod strip_comments;

/// Where the evaluator sees the tree: `embedded::NIXPKGS_MOUNT`. Relative
/// paths are resolved against it while lowering, so the snapshot is only
/// valid there (`Snapshot::open` refuses it at any other mount).
const MOUNT: &str = "/nixpen/nixpkgs";

/// The tree of files native builds add to `nixpkgs/` (`extra::SOURCE`).
const EXTRA: &str = "nixpkgs-extra";

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir).expect("read nixpkgs dir").flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, out);
        } else if path.is_file() {
            out.push(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The snapshot of the `.nix` files among `files` (read from `source_of(rel)`).
fn snapshot(source_of: &dyn Fn(&str) -> std::path::PathBuf, files: &[String]) -> Vec<u8> {
    let texts: Vec<(&str, Vec<u8>)> = files
        .iter()
        .filter(|rel| rel.ends_with(".nix"))
        .map(|rel| (rel.as_str(), fs::read(source_of(rel)).expect("read nixpkgs file")))
        .collect();
    let texts: Vec<(&str, &[u8])> = texts.iter().map(|(rel, text)| (*rel, text.as_slice())).collect();
    match nixpen_eval::snapshot::write(MOUNT, &texts) {
        Ok(bytes) => bytes,
        Err(e) => panic!("the embedded nixpkgs does not parse: {e}"),
    }
}

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("nixpkgs");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    if root.is_dir() {
        collect(&root, &root, &mut files);
    }
    let out_dir = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let extra_root = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join(EXTRA);
    println!("cargo:rerun-if-changed={}", extra_root.display());
    let mut extra = Vec::new();
    if extra_root.is_dir() {
        collect(&extra_root, &extra_root, &mut extra);
    }
    // (`files.txt` lists them for the browser, which fetches them.)
    extra.retain(|rel| rel.ends_with(".nix"));
    // Natively the extra files are more files of the tree (read from their own folder).
    let source_of = |rel: &str| if extra.iter().any(|e| e == rel) { extra_root.join(rel) } else { root.join(rel) };
    if !wasm {
        files.extend(extra.iter().cloned());
    }
    let mut code = String::new();
    if wasm {
        let mut text = Vec::new();
        code.push_str("/// Every file of the embedded nixpkgs tree, as (path relative to the tree, length), in the order of `PACKED`.\npub static SIZES: &[(&str, usize)] = &[\n");
        // The notes for readers (`README.md`) stay out of the browser's copy.
        for rel in files.iter().filter(|rel| !rel.ends_with(".md")) {
            let mut bytes = fs::read(root.join(rel)).expect("read a nixpkgs file");
            if rel.ends_with(".nix") {
                let source = String::from_utf8(bytes).expect("a nixpkgs file is UTF-8");
                bytes = strip_comments::strip_comment_lines(&source).into_bytes();
            }
            code.push_str(&format!("    ({rel:?}, {}),\n", bytes.len()));
            text.extend_from_slice(&bytes);
        }
        code.push_str("];\n");
        fs::write(out_dir.join("nixpkgs.lzma"), lzma_pack::pack(&text)).unwrap();
        code.push_str("/// The files of `SIZES`, concatenated and packed into one LZMA-alone stream.\npub static PACKED: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/nixpkgs.lzma\"));\n");
    } else {
        code.push_str("/// Every file of the embedded nixpkgs tree, as (path relative to the tree, contents).\npub static FILES: &[(&str, &[u8])] = &[\n");
        for rel in &files {
            code.push_str(&format!("    ({rel:?}, include_bytes!({:?})),\n", source_of(rel).to_string_lossy()));
        }
        code.push_str("];\n");
    }
    fs::write(out_dir.join("embedded.rs"), code).unwrap();
    let snapshot = if wasm { Vec::new() } else { snapshot(&source_of, &files) };
    fs::write(out_dir.join("nixpkgs.snapshot"), snapshot).unwrap();
}
