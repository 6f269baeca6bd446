//! Snapshots of lowered trees: a file served from a snapshot evaluates
//! exactly as when parsed (values, warnings, error positions, `__curPos`,
//! `unsafeGetAttrPos`), a changed text is parsed afresh, and a damaged or
//! stale snapshot is refused.

use std::sync::Arc;

use nixpen_eval::snapshot::{verify, write, Snapshot};
use nixpen_eval::*;

/// Every kind of expression the lowering makes, the cursed-`or` warning, and
/// positions read back through `__curPos` and `unsafeGetAttrPos`.
const MAIN: &str = r#"
let
  lib = import ./lib.nix;
  inherit (lib) twice;
  f = { a, b ? a + 1, ... } @ args: [ a b (args.c or 0) ];
  g = x: -x;
  s = rec { x = 1; y = x + 1; n.m.o = 3; n.p = 4; "q${"r"}" = 5; ${"dyn"} = 6; };
  or = 1;
in {
  ints = [ 1 (-2) 9223372036854775807 (g 4) ];
  floats = [ 1.5 0.1 1.0e20 (-0.0) ];
  strings = [ "plain" "a${toString 1}b" ''
    indented ${"x"}
  '' ];
  paths = [ ./lib.nix ./. ./dir/${"f"}.nix ];
  homeKind = builtins.typeOf ~/x;
  uri = http://example.org/a;
  calls = f { a = 1; c = 3; } ++ f { a = 10; };
  inherit twice;
  t = twice 21;
  s = s // { z = !true; };
  has = [ (s ? n.m) (s ? nope) ];
  sel = s.n.m.o or 0;
  ops = [ (1 + 2) (5 - 3) (2 * 3) (7 / 2) (1 == 1) (1 != 2) (1 < 2) (1 <= 1) (2 > 1) (2 >= 3) (true && false) (true || false) (false -> true) ];
  cond = if s.x == 1 then "yes" else "no";
  asserted = assert s.y == 2; "ok";
  within = with s; y + x;
  nested = with { a = 1; }; with { b = 2; }; a + b;
  pos = __curPos;
  attrPos = builtins.unsafeGetAttrPos "twice" lib;
  bPos = builtins.unsafeGetAttrPos "n" s;
  cursed = [ g or ];
  legacy = let { body = 7; };
}
"#;

const LIB: &str = "{\n  twice = x: x * 2;\n  bad = throw \"from lib\";\n  typeError = 1 + \"a\";\n}\n";

fn config(fs: MemoryFs, snapshot: Option<Arc<Snapshot>>) -> EvalConfig {
    let mut config = EvalConfig::new(Arc::new(fs));
    config.snapshot = snapshot;
    config.home = Some("/home/u".into());
    config
}

fn files(main: &str, lib: &str) -> MemoryFs {
    let fs = MemoryFs::new();
    fs.add_file("/m/main.nix", main);
    fs.add_file("/m/lib.nix", lib);
    fs
}

/// A snapshot of `MAIN` and `LIB` mounted at `/m`.
fn snapshot() -> Arc<Snapshot> {
    let texts: &'static [(&str, &[u8])] =
        Box::leak(Box::new([("main.nix", MAIN.as_bytes()), ("lib.nix", LIB.as_bytes())]));
    let bytes = write("/m", texts).expect("the test files lower");
    Arc::new(Snapshot::open(Box::leak(bytes.into_boxed_slice()), "/m", texts).expect("a fresh snapshot opens"))
}

/// The printed result (or rendered error) and messages of `expr`, and how
/// many files were parsed.
fn run(config: EvalConfig, expr: &str) -> (String, Vec<String>, usize) {
    let mut ev = Evaluator::new(config);
    let out = ev.eval(&Request::expr(expr));
    let result = match out.result {
        Ok(v) => v,
        Err(e) => e.rendered,
    };
    (result, out.messages, ev.parse_count())
}

/// How many files an evaluation parses besides its own: the builtins
/// written in Nix.
fn builtin_files() -> usize {
    run(config(MemoryFs::new(), None), "1").2 - 1
}

#[test]
fn stored_trees_equal_fresh_ones() {
    assert_eq!(verify(&snapshot()), Ok(2));
}

#[test]
fn stored_files_evaluate_as_parsed_ones() {
    let snap = snapshot();
    for expr in
        ["import /m/main.nix", "(import /m/lib.nix).bad", "(import /m/lib.nix).typeError", "(import /m/main.nix).nope"]
    {
        let parsed = run(config(files(MAIN, LIB), None), expr);
        let stored = run(config(files(MAIN, LIB), Some(snap.clone())), expr);
        assert_eq!(stored.0, parsed.0, "{expr}");
        assert_eq!(stored.1, parsed.1, "{expr}");
        assert!(parsed.2 >= builtin_files() + 2, "{expr}: {} files parsed without the snapshot", parsed.2);
        assert_eq!(stored.2, builtin_files() + 1, "{expr}: only the expression is parsed with the snapshot");
    }
    let (value, messages, _) = run(config(files(MAIN, LIB), Some(snap)), "import /m/main.nix");
    assert!(value.contains("pos = { column = 9; file = \"/m/main.nix\"; line = 29; }"), "{value}");
    assert!(value.contains("attrPos = { column = 3; file = \"/m/lib.nix\"; line = 2; }"), "{value}");
    assert!(
        messages.iter().any(|m| m.starts_with("warning: at /m/main.nix:32:14: This expression uses `or`")),
        "{messages:?}"
    );
}

#[test]
fn a_changed_text_is_parsed() {
    let changed = LIB.replace("x * 2", "x * 3");
    let (value, _, parsed) = run(config(files(MAIN, &changed), Some(snapshot())), "(import /m/main.nix).t");
    assert_eq!(value, "63");
    assert_eq!(parsed, builtin_files() + 2, "the expression and the changed lib.nix");
}

#[test]
fn damaged_stale_or_misplaced_snapshots_are_refused() {
    let texts: &'static [(&str, &[u8])] = Box::leak(Box::new([("lib.nix", LIB.as_bytes())]));
    let bytes = write("/m", texts).unwrap();
    let open = |b: Vec<u8>, mount: &str| Snapshot::open(Box::leak(b.into_boxed_slice()), mount, texts).map(|s| s.len());
    assert_eq!(open(bytes.clone(), "/m"), Some(1));
    assert_eq!(open(bytes.clone(), "/elsewhere"), None);
    assert_eq!(open(Vec::new(), "/m"), None);
    for cut in [4, 12, 20, bytes.len() / 2, bytes.len() - 1] {
        assert_eq!(open(bytes[..cut].to_vec(), "/m"), None, "cut at {cut}");
    }
    let mut stale = bytes.clone();
    stale[9] ^= 1; // the format id
    assert_eq!(open(stale, "/m"), None);
    // A text other than the one the snapshot was made from: the file is left out.
    let other: &'static [(&str, &[u8])] = Box::leak(Box::new([("lib.nix", "{ }".as_bytes())]));
    assert_eq!(Snapshot::open(Box::leak(bytes.into_boxed_slice()), "/m", other).map(|s| s.len()), Some(0));
}

#[test]
fn files_that_do_not_parse_are_an_error() {
    let e = write("/m", &[("ok.nix", b"1"), ("bad.nix", b"{\n  a = ;\n}")]).unwrap_err();
    assert!(e.starts_with("/m/bad.nix:2:7: syntax error"), "{e}");
    let e = write("/m", &[("undefined.nix", b"x")]).unwrap_err();
    assert_eq!(e, "/m/undefined.nix:1:1: undefined variable 'x'");
}
