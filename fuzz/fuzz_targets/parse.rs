//! Crash fuzzing of the parser and the lowering: any bytes, read as Nix
//! reads a file (bytes that are not UTF-8 kept), must give a tree or a
//! syntax error, never a panic or an abort.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nixpen_eval::{EvalConfig, Evaluator};

thread_local! {
    static EVALUATOR: std::cell::RefCell<Evaluator> = std::cell::RefCell::new(Evaluator::new(EvalConfig::default()));
}

fuzz_target!(|data: &[u8]| {
    let text = nixpen_eval::bytes::decode(data);
    EVALUATOR.with(|ev| {
        // A panic anywhere aborts (libfuzzer-sys's panic hook runs before
        // the evaluator's last-resort catch_unwind).
        let _ = ev.borrow_mut().check_syntax("/fuzz/input.nix", &text);
    });
});
