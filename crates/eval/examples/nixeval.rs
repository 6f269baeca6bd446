//! Tiny CLI for manual testing:
//! `nixeval [-I prefix=path]… [--json] [--lazy] EXPR`.
use std::sync::Arc;

use nixpen_eval::{EvalConfig, Evaluator, OutputFormat, RealFs, Request, SearchPathEntry};

fn main() {
    let mut cfg = EvalConfig::new(Arc::new(RealFs::new()));
    cfg.cwd = std::env::current_dir().unwrap().to_string_lossy().into_owned();
    cfg.show_trace = std::env::var("SHOW_TRACE").is_ok();
    let mut expr = String::new();
    let mut json = false;
    let mut strict = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-I" => cfg.search_path.push(SearchPathEntry::parse(&args.next().unwrap_or_default())),
            "--json" => json = true,
            "--lazy" => strict = false,
            _ => expr = a,
        }
    }
    let mut ev = Evaluator::new(cfg);
    let mut req = Request::expr(&expr);
    req.strict = strict;
    if json {
        req.format = OutputFormat::Json;
    }
    let out = ev.eval(&req);
    for m in out.messages {
        eprintln!("{m}");
    }
    match out.result {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprintln!("{}", e.rendered);
            std::process::exit(1);
        }
    }
}
