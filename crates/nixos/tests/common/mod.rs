//! Helpers shared by the nixpkgs-tree tests: evaluating an expression with
//! our nixpkgs on the search path through Nixpen's evaluator and through
//! `nix-instantiate`, comparing the two, and reading the JSON.
#![allow(dead_code)] // each test uses only some of these

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use nixpen_eval::{EvalConfig, Evaluator, Input, OutputFormat, RealFs, Request, SearchPathEntry};

/// Whether `nix-instantiate` runs here. When it does not, the test fails
/// unless `NIXPEN_SKIP` names `cppnix` (see `nixpen_testkit::require`).
pub fn nix_available() -> bool {
    nixpen_testkit::cppnix()
}

/// The folder of our nixpkgs tree as native builds embed it (`nixpkgs/`
/// with the files of `nixpkgs-extra/`), written out once per test run
/// (`$NIXPEN_NIXPKGS_DIR` overrides it, to try another tree such as one
/// with the reference lib).
pub fn nixpkgs_dir() -> PathBuf {
    static DUMPED: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    match std::env::var("NIXPEN_NIXPKGS_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => DUMPED
            .get_or_init(|| {
                let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
                    .join(format!("nixos-tests-nixpkgs-{}", std::process::id()));
                nixpen_nixos::embedded::dump(&dir).expect("write the embedded nixpkgs tree");
                dir
            })
            .clone(),
    }
}

/// `expr` evaluated strictly to JSON with our nixpkgs tree on the search
/// path, by Nixpen's evaluator and by CppNix, which must agree: the same
/// JSON text, or both an error with the same first line. Returns Nixpen's
/// JSON, or its error text (as `nix-instantiate` prints it). Without
/// `nix-instantiate` the test fails, unless `NIXPEN_SKIP` names `cppnix`:
/// then only Nixpen's answer is checked.
pub fn eval(expr: &str) -> Result<String, String> {
    let ours = nixpen(expr);
    if nix_available() {
        let theirs = cppnix(expr);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.trim_end(), b.trim_end(), "Nixpen (left) and CppNix (right) differ on {expr}")
            }
            (Err(a), Err(b)) => assert_eq!(
                first_error_line(a),
                first_error_line(b),
                "Nixpen (left) and CppNix (right) fail differently on {expr}:\n{a}\n---\n{b}"
            ),
            _ => panic!("only one evaluator failed on {expr}:\nNixpen: {ours:?}\nCppNix: {theirs:?}"),
        }
    }
    ours
}

/// The line of an error text that starts with `error:`.
fn first_error_line(text: &str) -> &str {
    text.lines().find(|l| l.starts_with("error:")).unwrap_or(text).trim_end()
}

/// Nixpen's evaluator on `expr`, over the real file system with our tree
/// at `nixpkgs`: the JSON, or the error as Nix renders it.
pub fn nixpen(expr: &str) -> Result<String, String> {
    let mut config = EvalConfig::new(Arc::new(RealFs::new()));
    config.search_path.push(SearchPathEntry { prefix: "nixpkgs".into(), path: nixpkgs_dir().display().to_string() });
    config.cwd = std::env::current_dir().unwrap().display().to_string();
    let request = Request {
        input: Input::Expr { text: expr.to_owned() },
        attr: None,
        auto_args: Vec::new(),
        strict: true,
        format: OutputFormat::Json,
    };
    Evaluator::new(config).eval(&request).result.map_err(|e| e.rendered)
}

/// `nix-instantiate --eval --strict --json` of `expr` with `nixpkgs` on
/// the search path: stdout on success, stderr on failure.
pub fn cppnix(expr: &str) -> Result<String, String> {
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
