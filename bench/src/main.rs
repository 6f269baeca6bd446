//! `cargo xtask bench [NAME…]`: times each program in `bench/programs/`
//! three ways — Nixpen in-process (cold: the first run of a fresh
//! evaluator, the median of 7; warm: later runs with its parse cache, the
//! median of 25; each timed up to the printed result, the heap freed
//! afterwards as the playground does),
//! Nixpen as a whole process (`nixpen eval --strict`), and CppNix
//! (`nix-instantiate --eval --strict`) on the same file in the same run,
//! taking turns, both processes in wall-clock and in CPU time (which the machine's other
//! load disturbs less) — checks that both print the same value, and prints
//! a Markdown table.
//!
//! `nixpen-bench --repeat N NAME` instead evaluates one program N times in
//! one evaluator (its parse cache warm after the first run) and prints the
//! mean: a steady loop to profile with `perf record`.

mod measure;

/// Chunks for what evaluations allocate, mimalloc for the rest (see
/// `nixpen_alloc`).
#[global_allocator]
static ALLOCATOR: nixpen_alloc::NixpenAlloc = nixpen_alloc::NixpenAlloc;

use std::{path::PathBuf, process::ExitCode};

/// Runs the benchmark on one thread for all its evaluations: a heap left
/// by a thread that ended is taken over slowly by mimalloc, which made a
/// program's first (cold) run up to twice as slow after a program that
/// allocated much.
fn main() -> ExitCode {
    nixpen_eval::with_eval_stack(&nixpen_eval::Limits::default(), run)
}

fn run() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let only: Vec<String> = std::env::args().skip(1).collect();
    if only.first().is_some_and(|a| a == "--repeat") {
        return repeat(&root, &only[1..]);
    }
    let programs = match measure::programs(&root.join("bench/programs"), &only) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let nixpkgs_dir = std::env::temp_dir().join(format!("nixpen-bench-nixpkgs-{}", std::process::id()));
    if let Err(e) = nixpen_nixos::embedded::dump(&nixpkgs_dir) {
        eprintln!("error: cannot dump nixpkgs: {e}");
        return ExitCode::FAILURE;
    }
    // `nixpen` is built beside this program (whatever CARGO_TARGET_DIR is).
    let nixpen_bin = match std::env::current_exe() {
        Ok(exe) => exe.with_file_name("nixpen"),
        Err(_) => root.join("target/release/nixpen"),
    };
    let have_nix = measure::have_nix();
    if !have_nix {
        eprintln!("note: nix-instantiate not found: CppNix columns are skipped (install nix-bin)");
    }
    println!("| program | nixpen in-process cold | nixpen in-process warm | nixpen process | nix-instantiate | Nix ÷ nixpen (process) | nixpen process, CPU | nix-instantiate, CPU | Nix ÷ nixpen (CPU) | same value |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut mismatches = 0;
    for program in &programs {
        let row = measure::row(program, &nixpen_bin, &nixpkgs_dir, have_nix);
        if row.same_value == Some(false) {
            mismatches += 1;
        }
        println!("{}", row.markdown());
    }
    let _ = std::fs::remove_dir_all(&nixpkgs_dir);
    if mismatches > 0 {
        eprintln!("error: {mismatches} program(s) printed a different value than nix-instantiate");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// `--repeat N NAME`: N warm evaluations of `bench/programs/NAME.nix` (or of NAME itself when it is a path ending in `.nix`).
fn repeat(root: &std::path::Path, args: &[String]) -> ExitCode {
    let (Some(n), Some(name)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: nixpen-bench --repeat N NAME");
        return ExitCode::FAILURE;
    };
    // A path (ending in `.nix`) or the name of a program in bench/programs.
    let file = if name.ends_with(".nix") {
        std::path::PathBuf::from(name)
    } else {
        root.join("bench/programs").join(format!("{name}.nix"))
    };
    match measure::repeat(&file, n) {
        Ok(mean) => {
            println!("{name}: mean of {n} warm evaluations: {:.2} ms", mean.as_secs_f64() * 1000.0);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
