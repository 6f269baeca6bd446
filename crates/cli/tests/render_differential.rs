//! Differential test of the whole stack: the embedded nixpkgs tree evaluated
//! by real Nix (`nixpen dump-nixpkgs DIR` + `nix-instantiate -I nixpkgs=DIR`)
//! must give the same `config.system.build.nixpen` as `nixpen render --json`,
//! for every configuration in `examples/` and the tutorial's final flake.

mod common;
use common::have_nix;

use std::{
    path::{Path, PathBuf},
    process::Command,
    sync::{Mutex, OnceLock},
};

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The embedded tree, dumped once per test run.
fn dumped_tree() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("render-differential-nixpkgs");
        let _ = std::fs::remove_dir_all(&dir);
        let out = Command::new(env!("CARGO_BIN_EXE_nixpen")).arg("dump-nixpkgs").arg(&dir).output().unwrap();
        assert!(out.status.success(), "dump-nixpkgs failed: {}", String::from_utf8_lossy(&out.stderr));
        dir
    })
}

/// `expr` evaluated by CppNix over the dumped tree, in a private chroot store.
fn cppnix(expr: &str) -> Value {
    // One nix-instantiate at a time: they share the chroot store's database.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let store = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("render-differential-store");
    std::fs::create_dir_all(&store).unwrap();
    let out = Command::new("nix-instantiate")
        .arg("--store")
        .arg(&store)
        .args(["--eval", "--strict", "--json", "-I"])
        .arg(format!("nixpkgs={}", dumped_tree().display()))
        .args(["-E", expr])
        .env_remove("NIX_PATH")
        .output()
        .unwrap();
    assert!(out.status.success(), "nix-instantiate failed on {expr}:\n{}", String::from_utf8_lossy(&out.stderr));
    // Read through the schema `nixpen render --json` prints.
    let rendered = nixpen_nixos::Rendered::from_json(&String::from_utf8_lossy(&out.stdout)).unwrap();
    serde_json::from_str(&rendered.to_json()).unwrap()
}

/// `nixpen render PATH --json`.
fn nixpen(path: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_nixpen")).arg("render").arg(path).arg("--json").output().unwrap();
    assert!(out.status.success(), "nixpen render {} failed:\n{}", path.display(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Compares field by field, so a mismatch names the file that differs.
fn assert_same(what: &str, ours: &Value, theirs: &Value) {
    let (Some(a), Some(b)) = (ours.as_object(), theirs.as_object()) else {
        panic!("{what}: not attribute sets");
    };
    let keys: Vec<_> = a.keys().chain(b.keys()).collect();
    for key in keys {
        match (&a.get(key), &b.get(key)) {
            (Some(Value::Object(x)), Some(Value::Object(y))) if key != "firewall" => {
                for name in x.keys().chain(y.keys()) {
                    assert_eq!(x.get(name), y.get(name), "{what}: {key}.{name} differs (left: nixpen, right: CppNix)");
                }
            }
            (x, y) => assert_eq!(x, y, "{what}: {key} differs (left: nixpen, right: CppNix)"),
        }
    }
}

#[test]
fn examples_render_as_real_nix_renders_them() {
    if !have_nix() {
        return;
    }
    let mut examples: Vec<PathBuf> = std::fs::read_dir(repo().join("examples"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "nix"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 4, "examples/ holds {} configurations", examples.len());
    for file in &examples {
        let theirs = cppnix(&format!(
            "(import <nixpkgs/nixos> {{ configuration = {}; }}).config.system.build.nixpen",
            file.display()
        ));
        assert_same(&file.display().to_string(), &nixpen(file), &theirs);
    }
    eprintln!("{} example configurations render identically under nixpen and CppNix", examples.len());
}

#[test]
fn the_tutorials_final_flake_renders_as_real_nix_renders_it() {
    if !have_nix() {
        return;
    }
    let flake = repo().join("examples/tutorial/5-final");
    let theirs = cppnix(&format!(
        "(import <nixpkgs/flake> {{ src = {}; }}).nixosConfigurations.container.config.system.build.nixpen",
        flake.display()
    ));
    assert_same("tutorial 5-final", &nixpen(&flake), &theirs);
}
