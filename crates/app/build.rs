//! Writes the app's own Nix helpers (`src/nix/*.nix`) to `$OUT_DIR` with
//! their comment-only lines blanked, as the browser's copy of nixpkgs is
//! (the nixos crate's `strip_comments.rs`; line numbers stay), for
//! `engine.rs` to embed.
//!
//! For the wasm build: names the target features that the linked module
//! declares in its `target_features` section, leaving out `reference-types`
//! and `multivalue`. wasm-bindgen switches to its externref and multi-value
//! glue when that section lists them; the release build keeps the function
//! names (for wasm-opt's ordering of functions by name, `index.html`), so the
//! section is no longer stripped with them, and this keeps the glue as it
//! was (the externref glue made the wasm 0.7 KB gzip larger). The code may
//! still use every feature the compiler enables: the list only declares.
use std::{env, fs, path::Path};

#[path = "../nixos/src/strip_comments.rs"]
mod strip_comments;

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["flake-show.nix", "config-tree.nix", "own.nix"] {
        let source = format!("src/nix/{name}");
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(&source).expect("read an app Nix helper");
        fs::write(Path::new(&out).join(name), strip_comments::strip_comment_lines(&text)).expect("write it");
    }
    if env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32") {
        println!("cargo:rustc-link-arg-bins=--no-check-features");
        println!("cargo:rustc-link-arg-bins=--features=bulk-memory,bulk-memory-opt,mutable-globals,nontrapping-fptoint,sign-ext");
    }
}
