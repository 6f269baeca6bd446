//! The public API as the CLI and the app use it.

/// The programs' allocator, so that evaluations here use its chunks as they do there.
#[global_allocator]
static ALLOCATOR: nixpen_alloc::NixpenAlloc = nixpen_alloc::NixpenAlloc;

use std::collections::BTreeMap;
use std::sync::Arc;

use nixpen_eval::*;

fn fs() -> Arc<MemoryFs> {
    let fs = MemoryFs::new();
    fs.add_file("/playground/default.nix", "{ a ? 1, b }: { sum = a + b; name = b; }");
    fs.add_file("/playground/lib.nix", "{ twice = x: x * 2; }");
    fs.add_file("/search/foo/default.nix", "\"found\"");
    Arc::new(fs)
}

fn ev() -> Evaluator {
    let mut cfg = EvalConfig::new(fs());
    cfg.cwd = "/playground".into();
    cfg.search_path.push(SearchPathEntry::parse("foo=/search/foo"));
    Evaluator::new(cfg)
}

fn run(ev: &mut Evaluator, req: &Request) -> String {
    match ev.eval(req).result {
        Ok(s) => s,
        Err(e) => panic!("{}", e.rendered),
    }
}

#[test]
fn strict_and_lazy_printing() {
    let mut ev = ev();
    assert_eq!(run(&mut ev, &Request::expr("{ a = 1 + 2; }")), "{ a = 3; }");
    let mut lazy = Request::expr("{ a = 1 + 2; b = x: x; c = map; d = map (x: x); }");
    lazy.strict = false;
    assert_eq!(run(&mut ev, &lazy), "{ a = <CODE>; b = <LAMBDA>; c = <PRIMOP>; d = <CODE>; }");
    assert_eq!(
        run(&mut ev, &Request::expr("[ 1.0 0.1 1.0e20 (1.0 / 3) \"a\\\"${\"$\"}{x}\" ]")),
        r#"[ 1 0.1 1e+20 0.333333 "a\"\${x}" ]"#
    );
}

#[test]
fn files_auto_args_and_attr_paths() {
    let mut ev = ev();
    let mut req = Request::file("default.nix");
    req.auto_args.push(("b".into(), AutoArg::Expr("41".into())));
    assert_eq!(run(&mut ev, &req), "{ name = 41; sum = 42; }");
    req.attr = Some("sum".into());
    assert_eq!(run(&mut ev, &req), "42");
    req.auto_args = vec![("b".into(), AutoArg::Str("x".into()))];
    req.attr = Some("name".into());
    assert_eq!(run(&mut ev, &req), "\"x\"");
}

#[test]
fn json_and_xml() {
    let mut ev = ev();
    let mut req = Request::expr("{ b = [ 1 2.5 null true ]; a = \"x\\n\"; }");
    req.format = OutputFormat::Json;
    assert_eq!(run(&mut ev, &req), r#"{"a":"x\n","b":[1,2.5,null,true]}"#);
    req.format = OutputFormat::Xml { location: false };
    assert!(run(&mut ev, &req).starts_with("<?xml version='1.0' encoding='utf-8'?>\n<expr>\n  <attrs>"));
}

#[test]
fn imports_search_path_and_relative_paths() {
    let mut ev = ev();
    assert_eq!(run(&mut ev, &Request::expr("(import ./lib.nix).twice 21")), "42");
    assert_eq!(run(&mut ev, &Request::expr("import <foo>")), "\"found\"");
    assert_eq!(run(&mut ev, &Request::expr("./x/../y")), "/playground/y");
}

#[test]
fn unchanged_files_are_parsed_once() {
    let mut ev = ev();
    let req = Request::expr("(import ./lib.nix).twice 1");
    run(&mut ev, &req);
    let n = ev.parse_count();
    for _ in 0..5 {
        run(&mut ev, &req);
    }
    assert_eq!(ev.parse_count(), n);
}

#[test]
fn edited_files_are_reparsed() {
    let fs = fs();
    let mut cfg = EvalConfig::new(fs.clone());
    cfg.cwd = "/playground".into();
    let mut ev = Evaluator::new(cfg);
    let req = Request::expr("(import ./lib.nix).twice 1");
    assert_eq!(run(&mut ev, &req), "2");
    // In memory, a file is known unchanged by its bytes being the same
    // ones; written again with the same text it is compared, not parsed.
    let n = ev.parse_count();
    fs.add_file("/playground/lib.nix", "{ twice = x: x * 2; }");
    assert_eq!(run(&mut ev, &req), "2");
    assert_eq!(run(&mut ev, &req), "2");
    assert_eq!(ev.parse_count(), n);
    fs.add_file("/playground/lib.nix", "{ twice = x: x * 3; }");
    assert_eq!(run(&mut ev, &req), "3");
    assert_eq!(ev.parse_count(), n + 1);
}

/// A file system whose one file reads `{ x = N + N; }` with N counting up
/// from 1, a different text on every read.
struct ChangingFile(std::sync::atomic::AtomicU32);

impl FileSystem for ChangingFile {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        match path {
            "/a.nix" => {
                let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                Ok(format!("{{ x = {n} + {n}; }}").into_bytes())
            }
            _ => Err(format!("{path}: no such file")),
        }
    }
    fn read_dir(&self, path: &str) -> Result<Vec<(String, FileType)>, String> {
        Err(format!("{path}: not a directory"))
    }
    fn file_type(&self, path: &str) -> Option<FileType> {
        (path == "/a.nix").then_some(FileType::Regular)
    }
    fn read_link(&self, path: &str) -> Result<String, String> {
        Err(format!("{path}: not a link"))
    }
}

#[test]
fn a_tree_replaced_during_an_evaluation_stays_readable() {
    // `scopedImport` reads the file afresh each time: the second read has
    // another text, so the cache replaces the first tree while a thunk of
    // it (`a.x`) is still to be forced. The evaluation keeps that tree.
    let mut ev = Evaluator::new(EvalConfig::new(Arc::new(ChangingFile(Default::default()))));
    let req = Request::expr(
        "let a = scopedImport { } /a.nix; in builtins.seq a (let b = scopedImport { } /a.nix; in builtins.seq b [ a.x b.x ])",
    );
    assert_eq!(run(&mut ev, &req), "[ 2 4 ]");
}

#[test]
fn errors_have_positions_and_rendering() {
    let mut ev = ev();
    let e = ev.eval(&Request::expr("let x = 1; in\n  x + y")).result.unwrap_err();
    assert_eq!(e.message, "undefined variable 'y'");
    assert_eq!(e.pos, Some(Pos { file: "«string»".into(), line: 2, column: 7 }));
    assert!(e.rendered.starts_with("error: undefined variable 'y'\n       at «string»:2:7:"), "{}", e.rendered);
    let e = ev.eval(&Request::expr("{ a = 1; }.b")).result.unwrap_err();
    assert_eq!(e.message, "attribute 'b' missing");
    let e = ev.eval(&Request::expr("1 + \"a\"")).result.unwrap_err();
    assert!(e.message.starts_with("cannot add"), "{}", e.message);
    let e = ev.eval(&Request::expr("(")).result.unwrap_err();
    assert!(e.message.starts_with("syntax error"), "{}", e.message);
}

#[test]
fn get_env_needs_an_environment() {
    let mut ev = ev();
    let e = ev.eval(&Request::expr("builtins.getEnv \"HOME\"")).result.unwrap_err();
    assert!(e.message.contains("not available in the Nixpen playground"));
    ev.config_mut().env = Some(BTreeMap::from([("HOME".to_string(), "/home/me".to_string())]));
    assert_eq!(run(&mut ev, &Request::expr("builtins.getEnv \"HOME\"")), "\"/home/me\"");
}

#[test]
fn traces_and_warnings_are_collected() {
    let mut ev = ev();
    let out = ev.eval(&Request::expr("builtins.trace \"hi\" (builtins.warn \"careful\" 1)"));
    assert_eq!(out.result.unwrap(), "1");
    assert_eq!(out.messages, vec!["trace: hi".to_string(), "evaluation warning: careful".to_string()]);
}

#[test]
fn derivations() {
    let mut ev = ev();
    let drv = "derivation { name = \"x\"; system = \"x86_64-linux\"; builder = \"/bin/sh\"; }";
    assert_eq!(
        run(&mut ev, &Request::expr(&format!("({drv}).drvPath"))),
        "\"/nix/store/97qlv6h78lxlm9zc8849ahsbcklhsi2y-x.drv\""
    );
    assert_eq!(
        run(&mut ev, &Request::expr(&format!("\"${{{drv}}}\""))),
        "\"/nix/store/s668cfx1vrqfjryf96jj8wfhg7f67dhj-x\""
    );
    assert_eq!(run(&mut ev, &Request::expr(drv)), "«derivation /nix/store/97qlv6h78lxlm9zc8849ahsbcklhsi2y-x.drv»");
}

#[test]
fn impure_builtins_say_so() {
    let mut ev = ev();
    let e = ev.eval(&Request::expr("builtins.fetchurl \"https://example.com\"")).result.unwrap_err();
    assert_eq!(e.message, "builtins.fetchurl is not available in the Nixpen playground");
}

/// `match` results are remembered between evaluations: the second time
/// gives the same values, and a context on the input never reaches them.
#[test]
fn remembered_matches_are_the_same() {
    let mut ev = ev();
    let program = r#"let m = builtins.match "[ \t]*(a+)(b)?(.*)"; in
      [ (m "  aab!") (m "aa") (m "x") (builtins.hasContext (builtins.head (m "a${builtins.toFile "f" "a"}"))) ]"#;
    let expected = r#"[ [ "aa" "b" "!" ] [ "aa" null "" ] null false ]"#;
    for _ in 0..3 {
        assert_eq!(run(&mut ev, &Request::expr(program)), expected);
    }
}
