//! The evaluator on our own corpus, `tests/eval_corpus/*.nix`, each file
//! evaluated by `nixpen eval --strict`, with and without `--json`:
//!
//! - `corpus_prints_its_expected_outputs`: the outputs equal, byte for
//!   byte, the committed `expected/NAME.strict` and `expected/NAME.json`
//!   (an error is expected as its first `error:` line). Runs everywhere,
//!   real Nix or not.
//!   `NIXPEN_BLESS=1` writes the files from what nixpen prints.
//! - `corpus_evaluates_as_real_nix_evaluates_it`: the outputs equal those
//!   of `nix-instantiate --eval --strict` (errors: both fail), except in
//!   files whose first line says `# cppnix-2.8-differs: ID`, ID being an
//!   entry of the reviewed list `crates/fuzz-diff/known-differences.json`
//!   (CppNix 2.8 differs from current Nix there). Skipped, saying so,
//!   where nix-instantiate is absent.

mod common;
use common::have_nix;

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval_corpus")
}

fn files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "nix"))
        .collect();
    files.sort();
    assert!(files.len() >= 50, "the corpus lost files: {}", files.len());
    files
}

fn cppnix(file: &Path, json: bool) -> Output {
    let store = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("eval-differential-store");
    std::fs::create_dir_all(&store).unwrap();
    let mut cmd = Command::new("nix-instantiate");
    // Read-write, so that reading a `.drv` or a copied file finds it.
    cmd.arg("--store").arg(&store).args(["--eval", "--strict", "--read-write-mode"]);
    if json {
        cmd.arg("--json");
    }
    cmd.arg(file).env_remove("NIX_PATH").output().unwrap()
}

fn nixpen(file: &Path, json: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nixpen"));
    cmd.args(["eval", "--strict"]);
    if json {
        cmd.arg("--json");
    }
    cmd.arg(file).env_remove("NIX_PATH").output().unwrap()
}

/// Nix 2.8 ends `--json` output without a newline, current Nix with one
/// (nixpen does as current Nix); the comparison ignores that one newline.
fn trim_newline(out: &[u8]) -> &[u8] {
    out.strip_suffix(b"\n").unwrap_or(out)
}

/// What an evaluation is compared by: stdout on success (its bytes, which
/// need not be UTF-8), else the first `error:` line of stderr (with the
/// next line when that one is bare); the corpus folder is written
/// `/corpus`, so the files hold no path of this machine.
fn outcome(out: &Output) -> Vec<u8> {
    let text = if out.status.success() { trim_newline(&out.stdout).to_vec() } else { error_line(out).into_bytes() };
    replace(&text, corpus().to_string_lossy().as_bytes(), b"/corpus")
}

fn error_line(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut lines = stderr.lines().skip_while(|l| !l.starts_with("error:"));
    match lines.next().map(str::trim_end) {
        Some("error:") => format!("error: {}", lines.next().unwrap_or("").trim()),
        Some(first) => first.to_string(),
        None => format!("no error line: {stderr}"),
    }
}

/// `text` with each `from` replaced by `to`.
fn replace(text: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

/// The reviewed difference a corpus file is exempt for, if its first line
/// names one.
fn cppnix_differs(file: &Path) -> Option<String> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let id = text.lines().next()?.strip_prefix("# cppnix-2.8-differs: ")?.trim().to_string();
    let list = include_str!("../../fuzz-diff/known-differences.json");
    assert!(list.contains(&format!("\"id\": \"{id}\"")), "{}: '{id}' is not in known-differences.json", file.display());
    Some(id)
}

#[test]
fn corpus_prints_its_expected_outputs() {
    let bless = std::env::var_os("NIXPEN_BLESS").is_some();
    let expected = corpus().join("expected");
    let mut failures = Vec::new();
    let mut runs = 0;
    for file in files() {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        for (json, ext) in [(false, "strict"), (true, "json")] {
            runs += 1;
            let ours = outcome(&nixpen(&file, json));
            let path = expected.join(format!("{stem}.{ext}"));
            if bless {
                std::fs::create_dir_all(&expected).unwrap();
                std::fs::write(&path, [&ours[..], b"\n"].concat()).unwrap();
                continue;
            }
            match std::fs::read(&path) {
                Ok(want) if want.strip_suffix(b"\n").unwrap_or(&want) == ours => {}
                Ok(want) => failures.push(format!(
                    "{stem} ({ext}):\n  expected: {}  nixpen:   {}",
                    String::from_utf8_lossy(&want),
                    String::from_utf8_lossy(&ours)
                )),
                Err(_) => failures.push(format!("{stem} ({ext}): no {} (NIXPEN_BLESS=1 writes it)", path.display())),
            }
        }
    }
    println!("eval corpus: {} of {runs} runs print their expected output", runs - failures.len());
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn corpus_evaluates_as_real_nix_evaluates_it() {
    if !have_nix() {
        return;
    }
    let files = files();
    let mut failures = Vec::new();
    let mut exempt = 0;
    for file in &files {
        if cppnix_differs(file).is_some() {
            exempt += 2;
            continue;
        }
        for json in [false, true] {
            let (theirs, ours) = (cppnix(file, json), nixpen(file, json));
            let name = format!("{}{}", file.file_name().unwrap().to_string_lossy(), if json { " --json" } else { "" });
            if theirs.status.success() != ours.status.success() {
                failures.push(format!(
                    "{name}: CppNix {} but nixpen {}:\n  CppNix: {}\n  nixpen: {}",
                    if theirs.status.success() { "succeeds" } else { "fails" },
                    if ours.status.success() { "succeeds" } else { "fails" },
                    String::from_utf8_lossy(&theirs.stdout) + String::from_utf8_lossy(&theirs.stderr),
                    String::from_utf8_lossy(&ours.stdout) + String::from_utf8_lossy(&ours.stderr),
                ));
            } else if theirs.status.success() && trim_newline(&theirs.stdout) != trim_newline(&ours.stdout) {
                failures.push(format!(
                    "{name}:\n  CppNix: {}\n  nixpen: {}",
                    String::from_utf8_lossy(&theirs.stdout),
                    String::from_utf8_lossy(&ours.stdout)
                ));
            }
        }
    }
    let runs = files.len() * 2 - exempt;
    println!(
        "differential corpus: {} of {runs} runs agree with CppNix ({exempt} runs exempt: CppNix 2.8 differs from current Nix)",
        runs - failures.len()
    );
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}
