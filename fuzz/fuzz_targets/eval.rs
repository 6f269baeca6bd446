//! Crash fuzzing of the evaluator: any bytes, read as a Nix file, are
//! parsed, evaluated strictly within small limits and printed (as Nix,
//! JSON or XML, chosen by the input's length): a value or an error, never a
//! panic, an abort or a hang past the limits.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use nixpen_eval::{EvalConfig, Evaluator, Limits, MemoryFs, OutputFormat, Request};

/// A file system with a few files programs may read or import.
fn fs() -> Arc<MemoryFs> {
    let fs = MemoryFs::new();
    fs.add_file("/fuzz/a.txt", "hello\n");
    fs.add_file("/fuzz/set.nix", "{ a = 1; b = \"two\"; }");
    fs.add_file("/fuzz/fun.nix", "x: x + 1");
    fs.add_dir("/fuzz/dir");
    fs.add_file("/fuzz/dir/default.nix", "import ../set.nix");
    Arc::new(fs)
}

fn evaluator() -> Evaluator {
    let mut config = EvalConfig::new(fs());
    config.cwd = "/fuzz".into();
    config.limits = Limits {
        max_depth: 2_000,
        max_steps: 300_000,
        max_memory_bytes: 128 << 20,
        max_stack_bytes: 64 << 20,
    };
    Evaluator::new(config)
}

thread_local! {
    static EVALUATOR: std::cell::RefCell<Evaluator> = std::cell::RefCell::new(evaluator());
}

fuzz_target!(|data: &[u8]| {
    let text = nixpen_eval::bytes::decode(data);
    let mut request = Request::expr(&text);
    request.strict = true;
    request.format = match data.len() % 3 {
        0 => OutputFormat::Nix,
        1 => OutputFormat::Json,
        _ => OutputFormat::Xml { location: data.len() % 2 == 0 },
    };
    EVALUATOR.with(|ev| {
        let _ = ev.borrow_mut().eval(&request);
    });
});
