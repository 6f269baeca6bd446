//! Conformance of Nixpen's nixpkgs `lib` (module system, options, types)
//! with nixpkgs' own `lib/tests/modules.sh`, driven by the extracted cases in
//! `../shared/conformance/nixpkgs-modules/cases.json` (see its README).
//!
//! Every case runs under each available evaluator with *our* lib:
//! - `cppnix`: `nix-instantiate --eval` (CppNix), when installed;
//! - `nixpen`: this crate's `nixpen eval`.
//!
//! Layout: a temporary directory gets a copy of `crates/nixos/nixpkgs/lib`
//! as `<tmp>/lib` and the fixtures as `<tmp>/lib/tests/modules` (copied at
//! test time, never committed); cases run from that `modules/` folder as
//! the script does.
//!
//! Verdicts follow the README: `output` cases pass when the exit code is 0
//! and a stdout line matches `grep -E`; `error` cases when the exit code is
//! non-zero, the whole stderr matches `grep -zP`, and the infinite-recursion
//! hint is present exactly when required; the `expression` case on exit 0.
//! The system `grep` does the matching so the regex dialects are exact.
//!
//! Pass lists are committed per evaluator (`modules_expected_<evaluator>.txt`);
//! a case in the list that fails is a regression and fails the test, a new
//! pass is printed. `NIXPEN_BLESS=1` rewrites the lists. Cases listed in
//! `modules_excluded.txt` (with a reason) are not run.
//!
//! A second test, `lib_self_tests`, runs the hand-written checks in
//! `modules_lib_tests/*.nix` (see its README) with our lib: all must pass
//! under CppNix; under nixpen they are compared with
//! `modules_expected_nixpen_libtests.txt` like the cases.
//!
//! Fast loop: `NIXPEN_CASES=12,40-46` runs only those ids (no list check),
//! `NIXPEN_EVALUATORS=cppnix` picks evaluators, `NIXPEN_VERBOSE=1` prints
//! the output of failing cases.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long one case may run before it counts as failed.
const CASE_TIMEOUT: Duration = Duration::from_secs(60);
/// Worker threads (the machine's two cores are shared).
const THREADS: usize = 2;
/// The text `modules.sh` looks for to detect the "config in imports" hint.
const RECURSION_HINT: &str = "if you get an infinite recursion here";

/// One entry of `cases.json`, reduced to what the runner needs.
#[derive(Clone, Debug)]
struct Case {
    id: u32,
    kind: String,
    expected: String,
    attr: String,
    modules: Vec<String>,
    expr: Option<String>,
    abort_on_warn: bool,
    strict: bool,
    hint_required: bool,
}

/// An evaluator under test: a name and the program plus leading arguments.
#[derive(Clone, Debug)]
struct Evaluator {
    name: &'static str,
    program: PathBuf,
    leading_args: Vec<String>,
}

/// The result of one case under one evaluator.
struct Verdict {
    id: u32,
    kind: String,
    passed: bool,
    detail: String,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn load_cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).expect("read cases.json");
    let json: Value = serde_json::from_str(&text).expect("parse cases.json");
    let env_set = |c: &Value, k: &str| c["env"][k].as_str() == Some("1");
    json.as_array()
        .expect("cases.json is a list")
        .iter()
        .map(|c| Case {
            id: c["id"].as_u64().expect("case id") as u32,
            kind: c["kind"].as_str().unwrap_or("").to_string(),
            expected: c["expected"].as_str().unwrap_or("").to_string(),
            attr: c["attr"].as_str().unwrap_or("").to_string(),
            modules: c["modules"]
                .as_array()
                .map(|m| m.iter().filter_map(|s| s.as_str().map(String::from)).collect())
                .unwrap_or_default(),
            expr: c["expr"].as_str().map(String::from),
            abort_on_warn: env_set(c, "ABORT_ON_WARN"),
            strict: env_set(c, "STRICT_EVAL"),
            hint_required: c["recursionHint"].as_str() == Some("required"),
        })
        .collect()
}

/// Ids from a list file: one per line; `#` starts a comment; text after the
/// id (a reason) is ignored.
fn read_id_list(path: &Path) -> BTreeSet<u32> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return BTreeSet::new();
    };
    text.lines()
        .filter_map(|line| line.split('#').next())
        .filter_map(|line| line.split_whitespace().next())
        .filter_map(|id| id.parse().ok())
        .collect()
}

fn write_id_list(path: &Path, evaluator: &str, ids: &BTreeSet<u32>) {
    let mut text = format!(
        "# Module-system cases (ids in cases.json) that pass under {evaluator} with our lib.\n\
         # Rewritten by `NIXPEN_BLESS=1 cargo test -p nixpen-cli --test modules_conformance`.\n"
    );
    for id in ids {
        text.push_str(&format!("{id}\n"));
    }
    std::fs::write(path, text).expect("write expected-pass list");
}

/// `NIXPEN_CASES=1,5,10-12` → the chosen ids.
fn selected_ids() -> Option<BTreeSet<u32>> {
    let spec = std::env::var("NIXPEN_CASES").ok()?;
    let mut ids = BTreeSet::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (u32, u32) = (a.parse().expect("case range"), b.parse().expect("case range"));
                ids.extend(a..=b);
            }
            None => {
                ids.insert(part.parse().expect("case id"));
            }
        }
    }
    Some(ids)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let kind = entry.file_type().expect("file type");
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else if kind.is_symlink() {
            let link = std::fs::read_link(entry.path()).expect("read link");
            std::os::unix::fs::symlink(link, &target).expect("symlink");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempTree(PathBuf);

impl TempTree {
    fn new() -> TempTree {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("nixpen-modules-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempTree(dir)
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|candidate| candidate.is_file())
}

/// The command line of a case, as `modules.sh` builds it.
fn case_args(case: &Case, evaluator: &Evaluator) -> Vec<String> {
    let mut args = evaluator.leading_args.clone();
    if evaluator.name == "cppnix" {
        args.extend(["--timeout", "1", "--eval-only"].map(String::from));
    }
    args.extend(["--show-trace", "--read-write-mode", "--json"].map(String::from));
    if case.abort_on_warn {
        args.extend(["--option", "abort-on-warn", "true"].map(String::from));
    }
    if case.kind == "expression" {
        args.push("--strict".into());
        args.push(case.modules.first().cloned().unwrap_or_else(|| "./graph/test.nix".into()));
        return args;
    }
    if case.strict {
        args.push("--strict".into());
    }
    let expr = case
        .expr
        .clone()
        .unwrap_or_else(|| format!("import ./default.nix {{ modules = [ {} ];}}", case.modules.join(" ")));
    args.extend(["-E".to_string(), expr, "-A".to_string(), case.attr.clone()]);
    args
}

/// Run a program with a time limit; `None` on timeout.
fn run_with_timeout(mut command: Command, limit: Duration) -> Option<(i32, Vec<u8>, Vec<u8>)> {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("spawn evaluator");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait evaluator") {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let out = out_reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    status.map(|s| (s.code().unwrap_or(-1), out, err))
}

/// `grep -q <flag> -- pattern` over `input`, using the system grep.
fn grep(flags: &str, pattern: &str, input: &[u8]) -> bool {
    let mut child = Command::new("grep")
        .args([flags, "-q", "--", pattern])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn grep");
    let mut stdin = child.stdin.take().expect("grep stdin");
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let status = child.wait().expect("wait grep");
    let _ = writer.join();
    status.success()
}

fn judge(case: &Case, evaluator: &Evaluator, cwd: &Path) -> Verdict {
    let mut command = Command::new(&evaluator.program);
    command.args(case_args(case, evaluator)).current_dir(cwd);
    if case.abort_on_warn {
        // CppNix before 2.23 has no `abort-on-warn` setting; lib's
        // `builtins.trace` fallback honours this variable instead.
        command.env("NIX_ABORT_ON_WARN", "true");
    }
    let verdict = |passed: bool, detail: String| Verdict { id: case.id, kind: case.kind.clone(), passed, detail };
    let Some((code, stdout, stderr)) = run_with_timeout(command, CASE_TIMEOUT) else {
        return verdict(false, format!("timed out after {}s", CASE_TIMEOUT.as_secs()));
    };
    let detail = || {
        let err = String::from_utf8_lossy(&stderr);
        let tail: String = err.chars().rev().take(1500).collect::<Vec<_>>().into_iter().rev().collect();
        format!("exit {code}\nstdout: {}\nstderr: …{tail}", String::from_utf8_lossy(&stdout).trim())
    };
    match case.kind.as_str() {
        "output" => verdict(code == 0 && grep("-E", &case.expected, &stdout), detail()),
        "error" => {
            let mut text = stderr.clone();
            while text.last() == Some(&b'\n') {
                text.pop();
            }
            text.push(b'\n');
            let matches = code != 0 && grep("-zP", &case.expected, &text);
            let hint = String::from_utf8_lossy(&stderr).to_lowercase().contains(RECURSION_HINT);
            verdict(matches && hint == case.hint_required, detail())
        }
        _ => verdict(code == 0, detail()),
    }
}

/// Run all cases under one evaluator on a small thread pool.
fn run_all(cases: &[Case], evaluator: &Evaluator, cwd: &Path) -> Vec<Verdict> {
    let queue = Arc::new(Mutex::new(cases.to_vec()));
    let results = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..THREADS)
        .map(|_| {
            let (queue, results) = (Arc::clone(&queue), Arc::clone(&results));
            let (evaluator, cwd) = (evaluator.clone(), cwd.to_path_buf());
            std::thread::spawn(move || loop {
                let Some(case) = queue.lock().unwrap().pop() else {
                    break;
                };
                let verdict = judge(&case, &evaluator, &cwd);
                results.lock().unwrap().push(verdict);
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("worker thread");
    }
    let mut results = std::mem::take(&mut *results.lock().unwrap());
    results.sort_by_key(|v| v.id);
    results
}

/// Print counts and compare with the committed list; returns the regressions.
fn report(evaluator: &str, verdicts: &[Verdict], full_run: bool) -> Vec<u32> {
    let mut per_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for v in verdicts {
        let entry = per_kind.entry(v.kind.as_str()).or_default();
        entry.1 += 1;
        if v.passed {
            entry.0 += 1;
        }
    }
    let passed: BTreeSet<u32> = verdicts.iter().filter(|v| v.passed).map(|v| v.id).collect();
    println!("== {evaluator}: {} / {} cases pass", passed.len(), verdicts.len());
    for (kind, (ok, total)) in &per_kind {
        println!("   {kind:<10} {ok} / {total}");
    }
    let verbose = std::env::var("NIXPEN_VERBOSE").is_ok();
    let failed: Vec<String> = verdicts.iter().filter(|v| !v.passed).map(|v| v.id.to_string()).collect();
    if !failed.is_empty() && (verbose || failed.len() <= 60) {
        println!("   failing: {}", failed.join(" "));
    } else if !failed.is_empty() {
        println!("   failing: {} cases (NIXPEN_VERBOSE=1 lists them with their output)", failed.len());
    }
    if verbose {
        for v in verdicts.iter().filter(|v| !v.passed) {
            println!("--- case {} ({}) failed under {evaluator}:\n{}", v.id, v.kind, v.detail);
        }
    }
    if !full_run {
        return Vec::new();
    }
    let list = tests_dir().join(format!("modules_expected_{evaluator}.txt"));
    let expected = read_id_list(&list);
    let regressions: Vec<u32> = expected.difference(&passed).copied().collect();
    let new: Vec<String> = passed.difference(&expected).map(|id| id.to_string()).collect();
    if !new.is_empty() {
        println!("   new passes (not yet in {}): {}", list.display(), new.join(" "));
    }
    if std::env::var("NIXPEN_BLESS").as_deref() == Ok("1") {
        write_id_list(&list, evaluator, &passed);
        println!("   blessed: wrote {} ids to {}", passed.len(), list.display());
        return Vec::new();
    }
    for id in &regressions {
        if let Some(v) = verdicts.iter().find(|v| v.id == *id) {
            println!("--- REGRESSION: case {id} ({}) no longer passes under {evaluator}:\n{}", v.kind, v.detail);
        }
    }
    regressions
}

#[test]
fn nixpkgs_module_system_conformance() {
    let Some(shared) = nixpen_testkit::require(&nixpen_testkit::NIXPKGS_MODULES) else { return };
    let cases_file = shared.join("cases.json");
    let excluded = read_id_list(&tests_dir().join("modules_excluded.txt"));
    let chosen = selected_ids();
    let cases: Vec<Case> = load_cases(&cases_file)
        .into_iter()
        .filter(|c| !excluded.contains(&c.id))
        .filter(|c| chosen.as_ref().is_none_or(|ids| ids.contains(&c.id)))
        .collect();
    println!("modules conformance: {} cases ({} excluded)", cases.len(), excluded.len());

    let tree = TempTree::new();
    let lib = tree.0.join("lib");
    copy_dir(&repo_root().join("crates/nixos/nixpkgs/lib"), &lib);
    // The lib's files that the browser loads later (`lib.fileset`, …).
    copy_dir(&repo_root().join("crates/nixos/nixpkgs-extra/lib"), &lib);
    let modules = lib.join("tests/modules");
    copy_dir(&shared.join("modules"), &modules);

    let evaluators = available_evaluators();

    let mut failures = Vec::new();
    for evaluator in &evaluators {
        let verdicts = run_all(&cases, evaluator, &modules);
        let regressions = report(evaluator.name, &verdicts, chosen.is_none());
        if !regressions.is_empty() {
            failures.push(format!("{}: regressions in cases {regressions:?}", evaluator.name));
        }
    }
    assert!(failures.is_empty(), "module-system conformance regressed: {}", failures.join("; "));
}

/// Evaluators found on this machine, honouring `NIXPEN_EVALUATORS`.
fn available_evaluators() -> Vec<Evaluator> {
    let wanted = std::env::var("NIXPEN_EVALUATORS").unwrap_or_else(|_| "cppnix,nixpen".into());
    let mut evaluators = Vec::new();
    if wanted.contains("cppnix") && nixpen_testkit::cppnix() {
        let program = find_on_path("nix-instantiate").expect("nix-instantiate runs, so it is on PATH");
        evaluators.push(Evaluator { name: "cppnix", program, leading_args: Vec::new() });
    }
    if wanted.contains("nixpen") {
        evaluators.push(Evaluator {
            name: "nixpen",
            program: PathBuf::from(env!("CARGO_BIN_EXE_nixpen")),
            leading_args: vec!["eval".into()],
        });
    }
    evaluators
}

/// Names listed in a file, one per line (`#` comments).
fn read_name_list(path: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| line.split('#').next())
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn lib_self_tests() {
    let dir = tests_dir().join("modules_lib_tests");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("read modules_lib_tests")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".nix"))
        .collect();
    files.sort();
    let tree = TempTree::new();
    let lib = tree.0.join("lib");
    copy_dir(&repo_root().join("crates/nixos/nixpkgs/lib"), &lib);
    // The lib's files that the browser loads later (`lib.nixpen.explain`, …).
    copy_dir(&repo_root().join("crates/nixos/nixpkgs-extra/lib"), &lib);

    let mut failures = Vec::new();
    for evaluator in available_evaluators() {
        let mut passed = BTreeSet::new();
        for file in &files {
            let expr = format!(
                "let lib = import {}; in lib.debug.runTests (import {} lib)",
                lib.display(),
                dir.join(file).display()
            );
            let mut command = Command::new(&evaluator.program);
            command.args(&evaluator.leading_args);
            if evaluator.name == "cppnix" {
                command.arg("--eval");
            }
            command.args(["--strict", "--json", "--expr", &expr]).current_dir(&tree.0);
            match run_with_timeout(command, CASE_TIMEOUT) {
                Some((0, out, _)) if String::from_utf8_lossy(&out).trim() == "[]" => {
                    passed.insert(file.clone());
                }
                Some((code, out, err)) => println!(
                    "--- {file} under {}: exit {code}\n{}\n{}",
                    evaluator.name,
                    String::from_utf8_lossy(&out).trim(),
                    String::from_utf8_lossy(&err).chars().take(2000).collect::<String>()
                ),
                None => println!("--- {file} under {}: timed out", evaluator.name),
            }
        }
        println!("== lib self-tests under {}: {} / {} files pass", evaluator.name, passed.len(), files.len());
        let expected: BTreeSet<String> = if evaluator.name == "cppnix" {
            files.iter().cloned().collect()
        } else {
            let list = tests_dir().join("modules_expected_nixpen_libtests.txt");
            if std::env::var("NIXPEN_BLESS").as_deref() == Ok("1") {
                let mut text = String::from("# lib self-test files (modules_lib_tests/) that pass under nixpen.\n");
                for name in &passed {
                    text.push_str(name);
                    text.push('\n');
                }
                std::fs::write(&list, text).expect("write lib self-test list");
            }
            read_name_list(&list)
        };
        let missing: Vec<&String> = expected.difference(&passed).collect();
        if !missing.is_empty() {
            failures.push(format!("{}: {missing:?}", evaluator.name));
        }
    }
    assert!(failures.is_empty(), "lib self-tests failed: {}", failures.join("; "));
}
