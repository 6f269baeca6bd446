//! Project commands, run as `cargo xtask <command>`:
//!
//! - `serve`: install what is missing, build the playground and serve it at
//!   <http://127.0.0.1:8080>.
//! - `test`: install what is missing, check formatting and clippy, then run
//!   every test: the Rust tests (unit, conformance, differential) and the
//!   browser tests in Chromium. External test data that is missing is named
//!   at the start and in the final summary (`SKIPPED …`); with `CI` set, a
//!   missing suite fails the run.
//! - `bench`: run the benchmarks against real Nix on the same inputs.
//! - `bench-web`: build the release site (unless `--no-build`) and run the
//!   browser benchmark (`web/bench/run.mjs`) on it in headless Chromium.
//! - `fuzz-crash TARGET [--minutes M] [ARGS…]`: run the crash fuzzer
//!   (`fuzz/README.md`, cargo-fuzz) on target `parse` or `eval`.
//! - `fuzz-diff`: build `nixpen` and the differential fuzzer, then run it
//!   (`crates/fuzz-diff/README.md`): random programs through `nixpen eval`
//!   and `nix-instantiate --eval`, differences minimised into a report.

use std::{
    env,
    path::{Path, PathBuf},
    process::{Command, ExitCode},
    time::Instant,
};

/// The repository root (the parent of this crate's folder).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// PATH with `web/node_modules/.bin` first, so Trunk finds npm's `wasm-opt`
/// (binaryen 132) before any older system copy, and `~/.cargo/bin` present.
fn tool_path() -> String {
    let mut parts = vec![root().join("web/node_modules/.bin").to_string_lossy().into_owned()];
    if let Some(home) = env::var_os("HOME") {
        parts.push(Path::new(&home).join(".cargo/bin").to_string_lossy().into_owned());
    }
    parts.push(env::var("PATH").unwrap_or_default());
    parts.join(":")
}

/// Runs one step, printing its name and duration; returns whether it passed.
fn step(name: &str, program: &str, args: &[&str]) -> bool {
    eprintln!("\n==> {name}: {program} {}", args.join(" "));
    let started = Instant::now();
    let status = Command::new(program).args(args).current_dir(root()).env("PATH", tool_path()).status();
    let ok = matches!(status, Ok(s) if s.success());
    eprintln!("<== {name}: {} in {:.1}s", if ok { "ok" } else { "FAILED" }, started.elapsed().as_secs_f64());
    ok
}

fn serve() -> ExitCode {
    if !step("tools", "bash", &["scripts/tools.sh", "web"]) {
        return ExitCode::FAILURE;
    }
    let ok = step("serve", "trunk", &["serve", "--release", "--offline", "--address", "127.0.0.1", "--port", "8080"]);
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The external suites that are missing here, as (name, reason), after
/// printing what was found.
fn preflight() -> Vec<(&'static str, String)> {
    eprintln!("\n==> external test data (see testkit/):");
    let mut missing = Vec::new();
    for suite in nixpen_testkit::SUITES {
        match suite.locate() {
            Ok(path) => eprintln!("    found   {:<16} {}", suite.name, path.display()),
            Err(reason) => {
                eprintln!("    MISSING {:<16} {reason}", suite.name);
                missing.push((suite.name, reason));
            }
        }
    }
    missing
}

fn test() -> ExitCode {
    let ci = env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    if !step("tools", "bash", &["scripts/tools.sh", "all"]) {
        return ExitCode::FAILURE;
    }
    let missing = preflight();
    // Outside CI, tests of a missing suite skip themselves (and say so);
    // in CI a missing suite is a failure, reported below.
    let skip: Vec<&str> = missing.iter().map(|(name, _)| *name).collect();
    env::set_var("NIXPEN_SKIP", skip.join(","));
    let steps: [(&str, &str, &[&str]); 7] = [
        ("format", "cargo", &["fmt", "--all", "--check"]),
        ("clippy", "cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
        (
            "rust tests",
            "cargo",
            &["test", "--no-fail-fast", "--profile", "ci", "--workspace", "--exclude", "nixpen-app"],
        ),
        // The app's own unit tests (highlighting, overrides, share links, tar)
        // run natively; its views are tested in the browser.
        ("app unit tests", "cargo", &["test", "--profile", "ci", "--package", "nixpen-app", "--lib"]),
        (
            "lessons",
            "cargo",
            &["run", "--profile", "ci", "--package", "nixpen-cli", "--", "lesson", "check", "lessons"],
        ),
        ("web build", "trunk", &["build", "--release", "--offline"]),
        ("browser tests", "node", &["web/tests/run.mjs", "--dist", "dist"]),
    ];
    let mut failed = Vec::new();
    let mut passed = 0;
    for (name, program, args) in steps {
        if name == "lessons" && !root().join("lessons").is_dir() {
            continue;
        }
        if step(name, program, args) {
            passed += 1;
        } else {
            failed.push(name.to_owned());
            if name == "web build" {
                failed.push("browser tests (not run: no build)".to_owned());
                break;
            }
        }
    }
    eprintln!("\nsteps: {passed} passed, {} failed {:?}", failed.len(), failed);
    for (name, reason) in &missing {
        eprintln!("SKIPPED {name}: {reason}{}", if ci { " (a failure in CI)" } else { "" });
    }
    if ci && !missing.is_empty() {
        eprintln!("CI is set: every external suite must run; {} did not.", missing.len());
        return ExitCode::FAILURE;
    }
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn bench(rest: &[String]) -> ExitCode {
    if !step("build nixpen", "cargo", &["build", "--release", "--package", "nixpen-cli"]) {
        return ExitCode::FAILURE;
    }
    let mut args = vec!["run", "--release", "--package", "nixpen-bench", "--"];
    args.extend(rest.iter().map(String::as_str));
    if step("bench", "cargo", &args) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `cargo xtask bench-web [--no-build] [--dist DIR] [ARGS…]`: ARGS go to
/// `web/bench/run.mjs` (such as `--runs 7 --keys 25 --only load,keys`).
fn bench_web(rest: &[String]) -> ExitCode {
    let mut build = true;
    let mut dist = "dist".to_owned();
    let mut passed: Vec<String> = Vec::new();
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-build" => build = false,
            "--dist" => dist = args.next().cloned().unwrap_or(dist),
            _ => passed.push(arg.clone()),
        }
    }
    if build {
        if !step("tools", "bash", &["scripts/tools.sh", "all"]) {
            return ExitCode::FAILURE;
        }
        if !step("web build", "trunk", &["build", "--release", "--offline", "--dist", &dist]) {
            return ExitCode::FAILURE;
        }
    }
    let mut args = vec!["web/bench/run.mjs", "--dist", dist.as_str()];
    args.extend(passed.iter().map(String::as_str));
    if step("browser bench", "node", &args) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `cargo xtask fuzz-diff [--count N] [--seed S] [--minutes M] [ARGS…]`:
/// ARGS go to `nixpen-fuzz-diff` (see its README).
fn fuzz_diff(rest: &[String]) -> ExitCode {
    if !step("build nixpen", "cargo", &["build", "--release", "--package", "nixpen-cli"]) {
        return ExitCode::FAILURE;
    }
    let mut args = vec!["run", "--release", "--package", "nixpen-fuzz-diff", "--"];
    args.extend(rest.iter().map(String::as_str));
    if step("fuzz-diff", "cargo", &args) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The folders whose files seed the crash fuzzer, read in place: our seeds,
/// Nix's language suite (if present), our corpus and examples.
const CRASH_SEEDS: &[&str] =
    &["fuzz/seeds", "../shared/conformance/nix-lang", "crates/cli/tests/eval_corpus", "examples"];

/// `cargo xtask fuzz-crash TARGET [--minutes M] [ARGS…]`: runs libFuzzer on
/// TARGET (`parse`, `eval`) for M minutes (default 60), its corpus growing
/// in `target/fuzz-corpus/TARGET`, findings written to
/// `target/fuzz-artifacts/TARGET/`; ARGS go to libFuzzer.
fn fuzz_crash(rest: &[String]) -> ExitCode {
    let Some(target) = rest.first() else {
        eprintln!("usage: cargo xtask fuzz-crash (parse | eval) [--minutes M] [LIBFUZZER ARGS…]");
        return ExitCode::from(2);
    };
    let mut minutes = 60.0;
    let mut passed: Vec<String> = Vec::new();
    let mut args = rest[1..].iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--minutes" => minutes = args.next().and_then(|m| m.parse().ok()).unwrap_or(minutes),
            _ => passed.push(arg.clone()),
        }
    }
    let corpus = format!("target/fuzz-corpus/{target}");
    let artifacts = format!("target/fuzz-artifacts/{target}/");
    for dir in [&corpus, &artifacts] {
        let _ = std::fs::create_dir_all(root().join(dir));
    }
    let mut command = vec!["fuzz".to_string(), "run".into(), "-O".into(), target.clone(), corpus];
    command.extend(CRASH_SEEDS.iter().filter(|d| root().join(d).exists()).map(|d| d.to_string()));
    command.push("--".into());
    command.extend([
        "-dict=fuzz/nix.dict".to_string(),
        format!("-max_total_time={}", (minutes * 60.0) as u64),
        "-timeout=60".into(),
        "-rss_limit_mb=4096".into(),
        "-max_len=4096".into(),
        format!("-artifact_prefix={artifacts}"),
        "-print_final_stats=1".into(),
    ]);
    command.extend(passed);
    eprintln!("\n==> fuzz-crash: cargo {}", command.join(" "));
    let status = Command::new("cargo")
        .args(&command)
        .current_dir(root())
        .env("RUSTC_BOOTSTRAP", "1")
        .env("PATH", tool_path())
        .status();
    if matches!(status, Ok(s) if s.success()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test(),
        Some("bench") => bench(&args[1..]),
        Some("bench-web") => bench_web(&args[1..]),
        Some("fuzz-diff") => fuzz_diff(&args[1..]),
        Some("fuzz-crash") => fuzz_crash(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask (serve | test | bench [NAME…] | bench-web [--no-build] [--dist DIR] [ARGS…] \\
                 | fuzz-diff [--count N] [--seed S] [--minutes M] [ARGS…] \\
                 | fuzz-crash (parse | eval) [--minutes M] [ARGS…])"
            );
            ExitCode::from(2)
        }
    }
}
