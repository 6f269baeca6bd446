//! Helpers shared by the nixpkgs-tree tests: running `nix-instantiate` on
//! an expression with our nixpkgs on the search path, and reading its JSON.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// Whether `nix-instantiate` is installed; prints that the test is skipped
/// when it is not.
pub fn nix_available() -> bool {
    let found = Command::new("nix-instantiate")
        .arg("--version")
        .output()
        .is_ok();
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

/// A JSON value, enough to read what `nix-instantiate --json` prints.
#[derive(Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

impl Json {
    /// Parses one JSON document (panics on malformed input: a test failure).
    pub fn parse(text: &str) -> Json {
        let mut chars = text.trim().chars().peekable();
        let value = Self::value(&mut chars);
        assert!(chars.next().is_none(), "trailing text after JSON value");
        value
    }

    fn value(it: &mut std::iter::Peekable<std::str::Chars>) -> Json {
        while it.peek().is_some_and(|c| c.is_whitespace()) {
            it.next();
        }
        match it.peek().copied() {
            Some('{') => {
                it.next();
                let mut map = BTreeMap::new();
                loop {
                    Self::skip_ws(it);
                    match it.next() {
                        Some('}') => break,
                        Some(',') => continue,
                        Some('"') => {
                            let key = Self::string_body(it);
                            Self::skip_ws(it);
                            assert_eq!(it.next(), Some(':'));
                            map.insert(key, Self::value(it));
                        }
                        other => panic!("unexpected {other:?} in object"),
                    }
                }
                Json::Object(map)
            }
            Some('[') => {
                it.next();
                let mut items = Vec::new();
                loop {
                    Self::skip_ws(it);
                    match it.peek() {
                        Some(']') => {
                            it.next();
                            break;
                        }
                        Some(',') => {
                            it.next();
                        }
                        _ => items.push(Self::value(it)),
                    }
                }
                Json::Array(items)
            }
            Some('"') => {
                it.next();
                Json::String(Self::string_body(it))
            }
            Some(_) => {
                let mut word = String::new();
                while let Some(&c) = it.peek() {
                    if c == ',' || c == ']' || c == '}' || c.is_whitespace() {
                        break;
                    }
                    word.push(c);
                    it.next();
                }
                match word.as_str() {
                    "null" => Json::Null,
                    "true" => Json::Bool(true),
                    "false" => Json::Bool(false),
                    number => Json::Number(
                        number
                            .parse()
                            .unwrap_or_else(|_| panic!("bad JSON word {number}")),
                    ),
                }
            }
            None => panic!("unexpected end of JSON"),
        }
    }

    fn skip_ws(it: &mut std::iter::Peekable<std::str::Chars>) {
        while it.peek().is_some_and(|c| c.is_whitespace()) {
            it.next();
        }
    }

    /// The rest of a string literal whose opening quote was read.
    fn string_body(it: &mut std::iter::Peekable<std::str::Chars>) -> String {
        let mut s = String::new();
        loop {
            match it.next().expect("unterminated JSON string") {
                '"' => return s,
                '\\' => match it.next().expect("bad escape") {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    'b' => s.push('\u{8}'),
                    'f' => s.push('\u{c}'),
                    'u' => {
                        let hex: String = (0..4).map(|_| it.next().unwrap()).collect();
                        let code = u32::from_str_radix(&hex, 16).unwrap();
                        s.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    other => s.push(other),
                },
                c => s.push(c),
            }
        }
    }

    pub fn get(&self, key: &str) -> &Json {
        match self {
            Json::Object(map) => map.get(key).unwrap_or_else(|| panic!("no key {key}")),
            other => panic!("not an object: {other:?}"),
        }
    }

    pub fn object(&self) -> &BTreeMap<String, Json> {
        match self {
            Json::Object(map) => map,
            other => panic!("not an object: {other:?}"),
        }
    }

    pub fn array(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            other => panic!("not an array: {other:?}"),
        }
    }

    pub fn string(&self) -> &str {
        match self {
            Json::String(s) => s,
            other => panic!("not a string: {other:?}"),
        }
    }

    pub fn number(&self) -> f64 {
        match self {
            Json::Number(n) => *n,
            other => panic!("not a number: {other:?}"),
        }
    }
}
