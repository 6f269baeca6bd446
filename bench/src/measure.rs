//! Timing one program: in-process runs of the evaluator, whole-process runs
//! of `nixpen eval` and of `nix-instantiate`, medians of several runs.

use std::{
    path::{Path, PathBuf},
    process::Command,
    sync::Arc,
    time::{Duration, Instant},
};

use nixpen_eval::{EvalConfig, Evaluator, HeapRelease, RealFs, Request};

/// How many timed runs each figure is the median of.
const RUNS: usize = 7;

/// How many warm in-process runs the warm figure is the median of: more
/// than [`RUNS`], as they are short and this machine's speed drifts.
const WARM_RUNS: usize = 25;

/// The `.nix` files to benchmark, sorted, optionally filtered by stem.
pub fn programs(dir: &Path, only: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "nix"))
        .filter(|p| only.is_empty() || only.iter().any(|o| p.file_stem().is_some_and(|s| s == o.as_str())))
        .collect();
    found.sort();
    Ok(found)
}

/// Whether `nix-instantiate` can be run.
pub fn have_nix() -> bool {
    Command::new("nix-instantiate").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// The figures of one program.
pub struct Row {
    name: String,
    cold: Result<Duration, String>,
    warm: Result<Duration, String>,
    process: Option<Timed>,
    nix: Option<Timed>,
    /// Whether nixpen and nix-instantiate printed the same value (None: not compared).
    pub same_value: Option<bool>,
}

/// Medians of whole-process runs: wall clock and CPU time (user + system).
#[derive(Clone, Copy)]
pub struct Timed {
    wall: Duration,
    cpu: Duration,
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

impl Row {
    /// The row of the Markdown table.
    pub fn markdown(&self) -> String {
        let show = |r: &Result<Duration, String>| match r {
            Ok(d) => ms(*d),
            Err(e) => format!("error: {}", e.lines().next().unwrap_or_default()),
        };
        let opt = |d: Option<Duration>| d.map(ms).unwrap_or_else(|| "–".into());
        let ratio = |of: fn(&Timed) -> Duration| match (&self.process, &self.nix) {
            (Some(p), Some(n)) => format!("{:.2}×", of(n).as_secs_f64() / of(p).as_secs_f64()),
            _ => "–".into(),
        };
        let wall = |t: &Timed| t.wall;
        let cpu = |t: &Timed| t.cpu;
        let same = match self.same_value {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "–",
        };
        format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            self.name,
            show(&self.cold),
            show(&self.warm),
            opt(self.process.as_ref().map(wall)),
            opt(self.nix.as_ref().map(wall)),
            ratio(wall),
            opt(self.process.as_ref().map(cpu)),
            opt(self.nix.as_ref().map(cpu)),
            ratio(cpu),
            same
        )
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// An evaluator as `nixpen eval` builds it: the real file system with the
/// embedded nixpkgs mounted and its snapshot of lowered trees.
/// `NIXPEN_BENCH_NIXPKGS=DIR` puts a nixpkgs tree on disk (such as an
/// edited `nixpen dump-nixpkgs` copy) first in the search path: a change to
/// the Nix code can be timed without a rebuild.
fn evaluator(cwd: &Path) -> Evaluator {
    let mut config = EvalConfig::new(Arc::new(nixpen_nixos::with_nixpkgs(Arc::new(RealFs::new()))));
    config.cwd = cwd.to_string_lossy().into_owned();
    config.search_path = vec![nixpen_nixos::nixpkgs_search_entry()];
    if let Ok(dir) = std::env::var("NIXPEN_BENCH_NIXPKGS") {
        config.search_path.insert(0, nixpen_eval::SearchPathEntry { prefix: "nixpkgs".into(), path: dir });
    }
    config.snapshot = nixpen_nixos::nixpkgs_snapshot();
    // As in the playground: the heap is freed after the answer, outside the
    // timed part (see `in_process`).
    config.heap_release = HeapRelease::Defer;
    Evaluator::new(config)
}

/// Cold and warm times of `file` in-process, and the value printed. Cold:
/// the first evaluation of a fresh evaluator (the user's files parsed, the
/// arena grown from nothing), the median of [`RUNS`] fresh evaluators;
/// warm: the median of [`WARM_RUNS`] more runs of the last one.
fn in_process(file: &Path) -> (Result<Duration, String>, Result<Duration, String>, Option<String>) {
    let request = Request::file(&file.to_string_lossy());
    let mut cold = Vec::new();
    let mut fresh = || {
        let mut ev = evaluator(file.parent().unwrap());
        let started = Instant::now();
        let first = ev.eval(&request);
        cold.push(started.elapsed());
        ev.release_heap();
        (ev, first)
    };
    for _ in 1..RUNS {
        drop(fresh());
    }
    let (mut ev, first) = fresh();
    let cold = median(cold);
    let value = match first.result {
        Ok(v) => v,
        Err(e) => return (Err(e.message.clone()), Err(e.message), None),
    };
    let mut warm = Vec::new();
    for _ in 0..WARM_RUNS {
        let started = Instant::now();
        let _ = ev.eval(&request);
        warm.push(started.elapsed());
        ev.release_heap();
    }
    (Ok(cold), Ok(median(warm)), Some(value))
}

/// The mean time of `n` evaluations of `file` after a first (cold) one.
pub fn repeat(file: &Path, n: usize) -> Result<Duration, String> {
    let request = Request::file(&file.to_string_lossy());
    let mut ev = evaluator(file.parent().unwrap());
    ev.eval(&request).result.map_err(|e| e.message)?;
    ev.release_heap();
    let mut total = Duration::ZERO;
    for _ in 0..n {
        let started = Instant::now();
        ev.eval(&request).result.map_err(|e| e.message)?;
        total += started.elapsed();
        ev.release_heap();
    }
    Ok(total / n.max(1) as u32)
}

/// CPU time (user + system) used so far by the children this process has
/// waited for.
fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// One command to time: its program and arguments, its runs so far and
/// what it printed.
struct Timing<'a> {
    program: &'a str,
    args: &'a [&'a str],
    walls: Vec<Duration>,
    cpus: Vec<Duration>,
    out: Option<String>,
}

impl<'a> Timing<'a> {
    fn new(program: &'a str, args: &'a [&'a str]) -> Timing<'a> {
        Timing { program, args, walls: Vec::new(), cpus: Vec::new(), out: Some(String::new()) }
    }

    /// Runs the command once more (unless it failed before).
    fn run(&mut self) {
        if self.out.is_none() {
            return;
        }
        let cpu_before = children_cpu();
        let started = Instant::now();
        let o = Command::new(self.program).args(self.args).output();
        self.walls.push(started.elapsed());
        self.cpus.push(children_cpu().saturating_sub(cpu_before));
        self.out = match o {
            Ok(o) if o.status.success() => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
            _ => None,
        };
    }

    /// The medians and what it printed, if every run succeeded.
    fn finish(self) -> Option<(Timed, String)> {
        let out = self.out?;
        Some((Timed { wall: median(self.walls), cpu: median(self.cpus) }, out))
    }
}

/// Runs each command [`RUNS`] times, taking turns so that a passing burst
/// of load on the machine falls on both alike.
fn processes<const N: usize>(mut timings: [Timing; N]) -> [Option<(Timed, String)>; N] {
    for _ in 0..RUNS {
        for t in timings.iter_mut() {
            t.run();
        }
    }
    timings.map(Timing::finish)
}

/// Measures one program.
pub fn row(file: &Path, nixpen_bin: &Path, nixpkgs_dir: &Path, have_nix: bool) -> Row {
    let name = file.file_stem().unwrap().to_string_lossy().into_owned();
    let (cold, warm, value) = in_process(file);
    let path = file.to_string_lossy().into_owned();
    let nixpen = nixpen_bin.to_string_lossy();
    let nixpen_args = ["eval", "--strict", path.as_str()];
    let include = format!("nixpkgs={}", nixpkgs_dir.display());
    let nix_args = ["--eval", "--strict", "-I", include.as_str(), path.as_str()];
    let (proc, nix) = if have_nix {
        let [proc, nix] = processes([Timing::new(&nixpen, &nixpen_args), Timing::new("nix-instantiate", &nix_args)]);
        (proc, nix)
    } else {
        let [proc] = processes([Timing::new(&nixpen, &nixpen_args)]);
        (proc, None)
    };
    let same_value = match (&value, &nix) {
        (Some(v), Some((_, n))) => Some(v.trim() == n.trim()),
        _ => None,
    };
    Row { name, cold, warm, process: proc.map(|p| p.0), nix: nix.map(|n| n.0), same_value }
}
