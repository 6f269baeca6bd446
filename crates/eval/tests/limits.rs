//! Runaway programs end with a clear error, never a crash.

/// The programs' allocator, so that evaluations here use its chunks as they do there.
#[global_allocator]
static ALLOCATOR: nixpen_alloc::NixpenAlloc = nixpen_alloc::NixpenAlloc;

use nixpen_eval::*;

fn eval_with(text: &str, limits: Limits) -> Result<String, EvalError> {
    let cfg = EvalConfig { limits, ..EvalConfig::default() };
    Evaluator::new(cfg).eval(&Request::expr(text)).result
}

fn eval(text: &str) -> Result<String, EvalError> {
    eval_with(text, Limits { max_steps: 50_000_000, max_memory_bytes: 512 << 20, ..Limits::default() })
}

#[test]
fn infinite_tail_recursion_hits_call_depth() {
    let e = eval("let f = x: f x; in f 1").unwrap_err();
    assert!(e.message.contains("max-call-depth"), "{}", e.rendered);
}

#[test]
fn huge_genlist_hits_memory_budget() {
    let e = eval("builtins.genList (x: x) 1000000000").unwrap_err();
    assert!(e.message.contains("memory budget"), "{}", e.rendered);
}

#[test]
fn deep_parentheses_are_rejected_before_parsing() {
    let text = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let e = eval(&text).unwrap_err();
    assert!(e.message.contains("nested too deeply"), "{}", e.rendered);
}

#[test]
fn deep_binary_chain_is_rejected() {
    let text = vec!["1"; 200_000].join(" + ");
    let e = eval(&text).unwrap_err();
    assert!(e.message.contains("nested too deeply"), "{}", e.rendered);
}

#[test]
fn ten_megabyte_string_under_a_small_budget() {
    let limits = Limits { max_memory_bytes: 4 << 20, ..Limits::default() };
    let e =
        eval_with(r#"builtins.concatStringsSep "" (builtins.genList (x: "aaaaaaaaaa") 1000000)"#, limits).unwrap_err();
    assert!(e.message.contains("memory budget"), "{}", e.rendered);
}

#[test]
fn ten_megabyte_string_fits_the_default_budget() {
    let r =
        eval(r#"builtins.stringLength (builtins.concatStringsSep "" (builtins.genList (x: "aaaaaaaaaa") 1000000))"#);
    assert_eq!(r.unwrap(), "10000000");
}

#[test]
fn step_budget() {
    let limits = Limits { max_steps: 100_000, ..Limits::default() };
    let e = eval_with("builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 1000000)", limits).unwrap_err();
    assert!(e.message.contains("step budget"), "{}", e.rendered);
}

#[test]
fn small_stack_budget_stops_deep_non_tail_recursion() {
    let limits = Limits { max_depth: 1_000_000, max_stack_bytes: 256 << 10, ..Limits::default() };
    let e = eval_with("let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 1000000", limits).unwrap_err();
    assert!(e.message.contains("stack overflow"), "{}", e.rendered);
}

#[test]
fn infinite_recursion_is_detected() {
    let e = eval("let x = x + 1; in x").unwrap_err();
    assert_eq!(e.message, "infinite recursion encountered");
}

#[test]
fn deep_data_prints_without_overflow() {
    let r = eval("let f = n: if n == 0 then [] else [ (f (n - 1)) ]; in builtins.length (f 5000)");
    assert_eq!(r.unwrap(), "1");
}

#[test]
fn many_evaluations_on_one_thread_keep_every_limit() {
    // Inside `with_eval_stack` evaluations run on the caller's thread: the
    // budgets still end runaway programs there, and the thread goes on.
    let limits = Limits { max_steps: 50_000_000, max_memory_bytes: 512 << 20, ..Limits::default() };
    let results = with_eval_stack(&limits, || {
        let cfg = EvalConfig { limits: limits.clone(), ..EvalConfig::default() };
        let mut ev = Evaluator::new(cfg);
        let mut run = |text: &str| ev.eval(&Request::expr(text)).result;
        [
            run("let f = x: f x; in f 1").unwrap_err().message,
            run("let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 1000000").unwrap_err().message,
            run("builtins.genList (x: x) 1000000000").unwrap_err().message,
            run("let x = x + 1; in x").unwrap_err().message,
            run("1 + 2").unwrap(),
        ]
    });
    assert!(results[0].contains("max-call-depth"), "{}", results[0]);
    assert!(results[1].contains("max-call-depth") || results[1].contains("stack overflow"), "{}", results[1]);
    assert!(results[2].contains("memory budget"), "{}", results[2]);
    assert_eq!(results[3], "infinite recursion encountered");
    assert_eq!(results[4], "3");
}

#[test]
fn xml_of_a_set_holding_itself_hits_call_depth() {
    // Found by the crash fuzzer: printing went on for ever, the document
    // growing with each level (CppNix too writes without end).
    let e = eval("let s = { a = s; b = [ 1 ]; }; in builtins.toXML s").unwrap_err();
    assert!(e.message.contains("max-call-depth"), "{}", e.rendered);
}
