//! Running a program through `nixpen eval` and `nix-instantiate --eval`,
//! each in its own process with a time limit, in a work folder holding
//! the fixtures programs read.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Which evaluator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evaluator {
    /// `nix-instantiate --eval` (CppNix 2.8).
    CppNix,
    /// `nixpen eval`.
    Nixpen,
}

/// How the value is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `--strict`: Nix syntax.
    Strict,
    /// `--strict --json`.
    Json,
}

impl Mode {
    /// The flags `nix-instantiate` and `nixpen eval` take for it.
    pub fn flags(self) -> &'static [&'static str] {
        match self {
            Mode::Strict => &["--strict"],
            Mode::Json => &["--strict", "--json"],
        }
    }

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Strict => "--strict",
            Mode::Json => "--strict --json",
        }
    }
}

/// What one evaluation gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A value: what was printed (without the final newline) and the
    /// `trace:` lines.
    Value(String, Vec<String>),
    /// An error: its first line and the `trace:` lines before it.
    Error(String, Vec<String>),
    /// Still running at the time limit (killed).
    Timeout,
    /// The process died without an `error:` (a crash) or did not start.
    Crash(String),
}

impl Outcome {
    /// One line naming the outcome: `value: …`, `error: …`, `timeout`, `crash: …`.
    pub fn view(&self) -> String {
        match self {
            Outcome::Value(v, _) => format!("value: {v}"),
            Outcome::Error(e, _) => e.clone(),
            Outcome::Timeout => "timeout".into(),
            Outcome::Crash(c) => format!("crash: {c}"),
        }
    }

    /// The `trace:` lines printed.
    pub fn traces(&self) -> &[String] {
        match self {
            Outcome::Value(_, t) | Outcome::Error(_, t) => t,
            _ => &[],
        }
    }
}

/// A worker's place to run programs: its folder (with `fixtures/` and
/// the program, `p.nix`) and, for CppNix, its own store (outside that
/// folder, which programs may copy to the store whole).
pub struct Oracle {
    dir: PathBuf,
    store: PathBuf,
    nixpen: PathBuf,
    timeout: Duration,
    /// The program now in `p.nix`.
    written: Option<String>,
}

/// The fixtures programs read (`gen/literals.rs` names them).
const FIXTURES: &[(&str, &str)] = &[
    ("a.txt", "hello\nworld\n"),
    ("dir/b.txt", "b"),
    ("dir/c.nix", "{ c = 3; }"),
    ("set.nix", "{ a = 1; b = \"two\"; }\n"),
    ("fun.nix", "x: x + 1\n"),
];

impl Oracle {
    /// An oracle working in `dir` (created, with its fixtures) with the
    /// store `store`, running `nixpen` with a time limit per evaluation.
    pub fn new(dir: &Path, store: &Path, nixpen: &Path, timeout: Duration) -> std::io::Result<Oracle> {
        for (name, text) in FIXTURES {
            let path = dir.join("fixtures").join(name);
            std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
            std::fs::write(path, text)?;
        }
        std::fs::create_dir_all(store)?;
        // The evaluators run in `dir`: the paths given them are absolute.
        let (dir, store) = (&std::fs::canonicalize(dir)?, &std::fs::canonicalize(store)?);
        Ok(Oracle {
            dir: dir.to_path_buf(),
            store: store.to_path_buf(),
            nixpen: nixpen.to_path_buf(),
            timeout,
            written: None,
        })
    }

    /// Checks that both evaluators run and agree on a trivial program, so
    /// that a broken set-up is not taken for a campaign of differences.
    pub fn check(&mut self) -> Result<(), String> {
        for who in [Evaluator::CppNix, Evaluator::Nixpen] {
            match self.run("1 + 1", who, Mode::Strict) {
                Outcome::Value(v, _) if v == "2" => {}
                other => return Err(format!("{who:?} cannot evaluate `1 + 1`: {}", other.view())),
            }
        }
        Ok(())
    }

    /// Evaluates `text` (written to `p.nix` in the work folder, unless it
    /// is there already, so both evaluators read the same folder) with one
    /// evaluator in one mode.
    pub fn run(&mut self, text: &str, who: Evaluator, mode: Mode) -> Outcome {
        let file = self.dir.join("p.nix");
        if self.written.as_deref() != Some(text) {
            if let Err(e) = std::fs::write(&file, text) {
                return Outcome::Crash(format!("cannot write the program: {e}"));
            }
            self.written = Some(text.to_string());
        }
        let mut cmd = match who {
            Evaluator::CppNix => {
                let mut c = Command::new("nix-instantiate");
                c.arg("--store").arg(&self.store).args(["--eval", "--read-write-mode"]);
                c
            }
            Evaluator::Nixpen => {
                let mut c = Command::new(&self.nixpen);
                c.arg("eval");
                c
            }
        };
        cmd.args(mode.flags()).arg(&file).current_dir(&self.dir).env_remove("NIX_PATH");
        run_with_limit(cmd, self.timeout)
    }
}

/// Runs `cmd`, killing it at `limit`, and reads its outcome.
fn run_with_limit(mut cmd: Command, limit: Duration) -> Outcome {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return Outcome::Crash(format!("cannot start: {e}")),
    };
    let (mut out, mut err) = (child.stdout.take(), child.stderr.take());
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        if let Some(o) = out.as_mut() {
            let _ = o.read_to_end(&mut text);
        }
        text
    });
    let err_reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        if let Some(e) = err.as_mut() {
            let _ = e.read_to_end(&mut text);
        }
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => break None,
        }
    };
    let stdout = reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    let Some(status) = status else { return Outcome::Timeout };
    let stdout = String::from_utf8_lossy(&stdout);
    let stderr = String::from_utf8_lossy(&stderr);
    let traces: Vec<String> = stderr.lines().filter(|l| l.starts_with("trace: ")).map(str::to_string).collect();
    if status.success() {
        return Outcome::Value(stdout.strip_suffix('\n').unwrap_or(&stdout).to_string(), traces);
    }
    match stderr.lines().find(|l| l.starts_with("error:")) {
        Some(first) => Outcome::Error(error_line(&stderr, first), traces),
        None => Outcome::Crash(format!("{status}: {}", stderr.lines().last().unwrap_or(""))),
    }
}

/// The error's first line, with the next line added when the first is
/// only `error:` followed by nothing (Nix puts long messages on their
/// own line), trailing spaces removed.
fn error_line(stderr: &str, first: &str) -> String {
    let first = first.trim_end();
    if first == "error:" {
        let next = stderr.lines().skip_while(|l| !l.starts_with("error:")).nth(1).unwrap_or("");
        return format!("error: {}", next.trim());
    }
    first.to_string()
}
