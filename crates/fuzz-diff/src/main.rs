//! `nixpen-fuzz-diff`: the differential fuzzer (run as `cargo xtask
//! fuzz-diff`, see this crate's README). Generates random Nix programs,
//! evaluates each with `nixpen eval` and `nix-instantiate --eval`, with
//! `--strict` and `--strict --json`, minimises every difference and
//! writes a report.

mod campaign;
mod compare;
mod expr;
mod gen;
mod known;
mod minimise;
mod oracle;
mod report;
mod rng;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use campaign::Settings;

const USAGE: &str = "usage: nixpen-fuzz-diff [--count N] [--seed S] [--minutes M] [--jobs J] [--batch B] \
[--timeout SECONDS] [--minimise-budget N] [--out DIR] [--nixpen PATH] | --show SEED";

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut settings = Settings {
        count: 1000,
        seed: 1,
        minutes: None,
        jobs: 2,
        batch: 8,
        out: root.join("target/fuzz-diff"),
        nixpen: root.join("target/release/nixpen"),
        timeout: Duration::from_secs(10),
        minimise_budget: 300,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next();
        let Some(value) = value else {
            eprintln!("{flag} needs a value\n{USAGE}");
            return ExitCode::from(2);
        };
        let number = || value.parse::<u64>().ok();
        let ok = match flag.as_str() {
            "--count" => number().map(|n| settings.count = n).is_some(),
            "--seed" => number().map(|n| settings.seed = n).is_some(),
            "--minutes" => value.parse::<f64>().ok().map(|m| settings.minutes = Some(m)).is_some(),
            "--jobs" => number().map(|n| settings.jobs = n.max(1) as usize).is_some(),
            "--batch" => number().map(|n| settings.batch = n.max(1)).is_some(),
            "--timeout" => number().map(|n| settings.timeout = Duration::from_secs(n)).is_some(),
            "--minimise-budget" => number().map(|n| settings.minimise_budget = n as usize).is_some(),
            "--out" => {
                settings.out = PathBuf::from(value);
                true
            }
            "--nixpen" => {
                settings.nixpen = PathBuf::from(value);
                true
            }
            "--show" => {
                let Some(seed) = number() else {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                };
                println!("{}", gen::program(seed).text());
                return ExitCode::SUCCESS;
            }
            _ => false,
        };
        if !ok {
            eprintln!("bad argument {flag} {value}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let known = match known::Known::load() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("known-differences.json: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !settings.nixpen.exists() {
        eprintln!("{} not found: build it with `cargo build --release -p nixpen-cli`", settings.nixpen.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "fuzz-diff: {} programs from seed {}, {} jobs, report in {}",
        settings.count,
        settings.seed,
        settings.jobs,
        settings.out.display()
    );
    let progress = |s: &campaign::Stats| {
        eprintln!("  {}", report::summary(s));
        let _ = report::write(&settings.out, &settings, &known, s);
    };
    let stats = campaign::run(&settings, &known, &progress);
    if let Err(e) = report::write(&settings.out, &settings, &known, &stats) {
        eprintln!("cannot write the report: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!("{}\nreport: {}", report::summary(&stats), settings.out.join("report.md").display());
    if stats.programs == 0 {
        eprintln!("no program was judged");
        return ExitCode::FAILURE;
    }
    if stats.found.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
