//! The snapshot of the embedded tree's lowered `.nix` files (made by
//! `build.rs`): it holds every file, each stored tree equals the one the
//! evaluator lowers from the text, and evaluating through it prints exactly
//! what parsing prints — the article's rendering, warnings, and errors with
//! their positions and traces in the embedded files.

use std::path::Path;
use std::sync::Arc;

use nixpen_eval::snapshot::{verify, Snapshot};
use nixpen_eval::{EvalConfig, Evaluator, RealFs, Request};
use nixpen_nixos::{embedded, nixpkgs_search_entry, nixpkgs_snapshot, with_nixpkgs};

fn nix_files() -> usize {
    embedded::files().iter().filter(|(path, _)| path.ends_with(".nix")).count()
}

#[test]
fn every_embedded_file_is_stored_as_it_lowers() {
    let snap = nixpkgs_snapshot().expect("native builds have a snapshot");
    assert_eq!(snap.len(), nix_files());
    assert_eq!(verify(&snap), Ok(nix_files()));
}

/// The printed value (or rendered error), the messages, and how many files
/// were parsed, of `request` in a fresh evaluator as `nixpen eval` makes it.
fn run(request: &Request, snapshot: Option<Arc<Snapshot>>, show_trace: bool) -> (String, Vec<String>, usize) {
    let mut config = EvalConfig::new(Arc::new(with_nixpkgs(Arc::new(RealFs::new()))));
    config.cwd = env!("CARGO_MANIFEST_DIR").into();
    config.search_path = vec![nixpkgs_search_entry()];
    config.snapshot = snapshot;
    config.show_trace = show_trace;
    let mut ev = Evaluator::new(config);
    let out = ev.eval(request);
    let result = match out.result {
        Ok(v) => v,
        Err(e) => e.rendered,
    };
    (result, out.messages, ev.parse_count())
}

#[test]
fn evaluating_through_the_snapshot_prints_what_parsing_prints() {
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/programs/render-article.nix");
    let mut requests = vec![
        (Request::expr("(import <nixpkgs/nixos> { configuration = { networking.hostName = 5; }; }).config.networking.hostName"), true),
        (Request::expr("(import <nixpkgs/lib>).types.port.check 80"), false),
        (Request::expr("with import <nixpkgs/lib>; [ (builtins.unsafeGetAttrPos \"mkOption\" (import <nixpkgs/lib>)) (mkOption { }) ]"), false),
    ];
    requests.push((Request::file(&article.to_string_lossy()), false));
    // What any evaluation parses: its expression and the builtins written in Nix.
    let least = run(&Request::expr("1"), None, false).2;
    for (request, show_trace) in &requests {
        let parsed = run(request, None, *show_trace);
        let stored = run(request, nixpkgs_snapshot(), *show_trace);
        assert_eq!(stored.0, parsed.0);
        assert_eq!(stored.1, parsed.1);
        assert!(parsed.2 > least + 5, "without the snapshot, the embedded files are parsed ({})", parsed.2);
        if let nixpen_eval::Input::Expr { .. } = request.input {
            assert_eq!(stored.2, least, "with it, none of them is");
        } else {
            assert!(stored.2 < parsed.2 / 2, "with it, only the article's files are ({})", stored.2);
        }
    }
}
