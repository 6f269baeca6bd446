//! Tiny CLI for manual testing: `cargo run -p nixpen-eval --example nixeval -- EXPR`.
use std::sync::Arc;

use nixpen_eval::{EvalConfig, Evaluator, RealFs, Request};

fn main() {
    let expr = std::env::args().nth(1).unwrap_or_default();
    let mut cfg = EvalConfig::new(Arc::new(RealFs::new()));
    cfg.cwd = std::env::current_dir().unwrap().to_string_lossy().into_owned();
    let mut ev = Evaluator::new(cfg);
    let out = ev.eval(&Request::expr(&expr));
    for m in out.messages {
        eprintln!("{m}");
    }
    match out.result {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("{}", e.rendered),
    }
}
