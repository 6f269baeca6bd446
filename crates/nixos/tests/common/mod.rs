//! Helpers shared by the nixpkgs-tree tests: running `nix-instantiate` on
//! an expression with our nixpkgs on the search path, and reading its JSON.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// Whether `nix-instantiate` is installed; prints that the test is skipped
/// when it is not.
pub fn nix_available() -> bool {
    let found = Command::new("nix-instantiate").arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: nix-instantiate not found");
    }
    found
}

/// The folder of our nixpkgs tree (`$NIXPEN_NIXPKGS_DIR` overrides it, to
/// try another tree such as one with the reference lib).
pub fn nixpkgs_dir() -> PathBuf {
    match std::env::var("NIXPEN_NIXPKGS_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("nixpkgs"),
    }
}

/// `nix-instantiate --eval --strict --json` of `expr` with `nixpkgs` on
/// the search path: stdout on success, stderr on failure.
pub fn eval(expr: &str) -> Result<String, String> {
    // One nix-instantiate at a time: they share the chroot store's database.
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let store = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("nixpen-nixos-tests/store");
    std::fs::create_dir_all(&store).unwrap();
    let out = Command::new("nix-instantiate")
        .arg("--store")
        .arg(&store)
        .args(["--eval", "--read-write-mode", "--strict", "--json", "-I"])
        .arg(format!("nixpkgs={}", nixpkgs_dir().display()))
        .args(["--expr", expr])
        .output()
        .expect("running nix-instantiate");
    if out.status.success() {
        Ok(String::from_utf8(out.stdout).unwrap())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// What `nix-instantiate --json` prints, parsed.
pub type Json = serde_json::Value;

/// Parses one JSON document (panics on malformed input: a test failure).
pub fn parse_json(text: &str) -> Json {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("bad JSON ({e}): {text}"))
}

/// Accessors that fail the test, naming what was expected, instead of
/// returning `Option`s.
pub trait JsonExt {
    /// The value under `key` of an object.
    fn at(&self, key: &str) -> &Json;
    /// The entries of an object.
    fn object(&self) -> &serde_json::Map<String, Json>;
    /// The items of an array.
    fn array(&self) -> &[Json];
    /// A string.
    fn string(&self) -> &str;
    /// A number.
    fn number(&self) -> f64;
}

impl JsonExt for Json {
    fn at(&self, key: &str) -> &Json {
        self.get(key).unwrap_or_else(|| panic!("no key {key} in {self}"))
    }
    fn object(&self) -> &serde_json::Map<String, Json> {
        self.as_object().unwrap_or_else(|| panic!("not an object: {self}"))
    }
    fn array(&self) -> &[Json] {
        self.as_array().unwrap_or_else(|| panic!("not an array: {self}"))
    }
    fn string(&self) -> &str {
        self.as_str().unwrap_or_else(|| panic!("not a string: {self}"))
    }
    fn number(&self) -> f64 {
        self.as_f64().unwrap_or_else(|| panic!("not a number: {self}"))
    }
}
