//! Memory stays flat across evaluations (per-evaluation heaps are dropped whole).

/// The programs' allocator, so that evaluations here use its chunks as they do there.
#[global_allocator]
static ALLOCATOR: nixpen_alloc::NixpenAlloc = nixpen_alloc::NixpenAlloc;

use nixpen_eval::*;

/// The resident memory is the process's: the tests measuring it take
/// turns, so that one's allocations do not show in another's figures.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[cfg(target_os = "linux")]
fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: usize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

/// Cycles through rec, let, closures and self-referential data.
const CYCLIC: &str = r#"
      let
        fix = f: let x = f x; in x;
        s = fix (self: { a = 1; b = self.a + 1; l = [ self ]; });
        r = rec { x = [ x y ]; y = { inherit x; }; z = builtins.genList (i: { v = i; up = r; }) 50; };
      in [ s.b (builtins.length r.z) (builtins.attrNames r.y) (builtins.toJSON (builtins.map (e: e.v) r.z)) ]
    "#;

#[cfg(target_os = "linux")]
#[test]
fn repeated_evaluation_keeps_memory_flat() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut ev = Evaluator::new(EvalConfig::default());
    let req = Request::expr(CYCLIC);
    for _ in 0..200 {
        assert!(ev.eval(&req).result.is_ok());
    }
    let parsed = ev.parse_count();
    let before = resident_bytes();
    for _ in 0..10_000 {
        let out = ev.eval(&req);
        assert!(out.result.is_ok(), "{:?}", out.result);
    }
    let after = resident_bytes();
    let growth = after.saturating_sub(before);
    eprintln!("resident before {before} after {after} growth {growth}");
    assert!(growth < 2 << 20, "resident memory grew by {growth} bytes over 10,000 evaluations");
    assert_eq!(ev.parse_count(), parsed, "unchanged sources are never parsed again");
}

/// Under `HeapRelease::Defer` the heaps wait for `release_heap`, or are freed
/// by `eval` itself when the caller forgets: memory stays flat either way.
#[cfg(target_os = "linux")]
#[test]
fn deferred_heaps_are_freed() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let config = EvalConfig { heap_release: HeapRelease::Defer, ..EvalConfig::default() };
    let mut ev = Evaluator::new(config);
    let req = Request::expr(CYCLIC);
    for _ in 0..200 {
        assert!(ev.eval(&req).result.is_ok());
    }
    let before = resident_bytes();
    for round in 0..10_000 {
        let out = ev.eval(&req);
        assert!(out.result.is_ok(), "{:?}", out.result);
        // Half the time the caller releases after each answer, as the
        // playground's worker does; otherwise `eval` caps what is kept.
        if round % 2 == 0 {
            ev.release_heap();
        }
    }
    let growth = resident_bytes().saturating_sub(before);
    eprintln!("deferred: resident growth {growth}");
    assert!(growth < 2 << 20, "resident memory grew by {growth} bytes over 10,000 deferred evaluations");
}

/// Each evaluation differs from the last (as in the playground, where each
/// keystroke changes the file) and leaves entries in the long-lived caches:
/// the changed source, a `match` result. Those are made outside the
/// evaluation's chunks, or each would keep a chunk in use.
#[cfg(target_os = "linux")]
#[test]
fn changing_sources_keep_memory_flat() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut ev = Evaluator::new(EvalConfig::default());
    let req = |i: usize| {
        Request::expr(&format!(
            r#"let s = "host-{i}.example.org"; in [ (builtins.match "host-([0-9]+)[.](.*)" s) ({CYCLIC}) ]"#
        ))
    };
    for i in 0..200 {
        assert!(ev.eval(&req(i)).result.is_ok());
    }
    let before = resident_bytes();
    for i in 200..2_200 {
        let out = ev.eval(&req(i));
        assert!(out.result.is_ok(), "{:?}", out.result);
    }
    let growth = resident_bytes().saturating_sub(before);
    eprintln!("changing sources: resident growth {growth}");
    // The caches grow (2,000 more `match` results, bounded), by well under
    // the 8 MB that a chunk kept per evaluation would add up to in a fraction of the rounds.
    assert!(growth < 8 << 20, "resident memory grew by {growth} bytes over 2,000 different evaluations");
}

/// A worker-like loop in which every evaluation names things no other did
/// (as a user typing ever new attribute names, or a program making names
/// from its input): the evaluator drops the names nothing it keeps uses,
/// so memory stays flat after the first hundred evaluations.
#[cfg(target_os = "linux")]
#[test]
fn distinct_names_keep_memory_flat() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut ev = Evaluator::new(EvalConfig::default());
    let program = |i: usize| {
        Request::expr(&format!(
            r#"let
                 typed = {{ service_number_{i}_with_a_long_name = {i}; option_{i}_enable = true; }};
                 made = builtins.listToAttrs (builtins.genList (k: {{ name = "computed_{i}_entry_${{toString k}}"; value = k; }}) 5);
               in [ (builtins.attrNames typed) (builtins.attrNames made) typed.option_{i}_enable ]"#
        ))
    };
    let run = |ev: &mut Evaluator, range: std::ops::Range<usize>| {
        for i in range {
            let out = ev.eval(&program(i));
            assert!(out.result.is_ok(), "{:?}", out.result);
        }
    };
    run(&mut ev, 0..100);
    let (names_100, resident_100) = (ev.name_count(), resident_bytes());
    run(&mut ev, 100..10_000);
    let (names_10000, resident_10000) = (ev.name_count(), resident_bytes());
    let growth = resident_10000.saturating_sub(resident_100);
    eprintln!(
        "distinct names: after 100 evaluations {names_100} names, {resident_100} bytes resident; \
         after 10,000 {names_10000} names, {resident_10000} bytes (growth {growth})"
    );
    // Each evaluation makes 7 names of 20-40 bytes: 70,000 names, and 15 MB
    // more resident memory, when they were all kept.
    assert!(names_10000 < 1_000, "{names_10000} names kept after 10,000 evaluations");
    assert!(growth < 1 << 20, "resident memory grew by {growth} bytes from 100 to 10,000 evaluations");
}
