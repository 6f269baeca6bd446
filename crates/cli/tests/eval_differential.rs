//! Differential test of the evaluator: every expression in
//! `tests/eval_corpus/*.nix` must print the same under `nixpen eval --strict`
//! as under `nix-instantiate --eval --strict`, with and without `--json`
//! (errors: both fail). Skipped, saying so, where nix-instantiate is absent.

mod common;
use common::have_nix;

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval_corpus")
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

#[test]
fn corpus_evaluates_as_real_nix_evaluates_it() {
    if !have_nix() {
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "nix"))
        .collect();
    files.sort();
    assert!(files.len() >= 50, "the corpus lost files: {}", files.len());
    let mut failures = Vec::new();
    for file in &files {
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
    println!("differential corpus: {} of {} runs agree with CppNix", files.len() * 2 - failures.len(), files.len() * 2);
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}
