//! A campaign: programs generated from consecutive seeds, evaluated in
//! batches by both evaluators on a few worker threads, every difference
//! minimised and recorded.
//!
//! The programs of a batch that Nixpen evaluates without error are
//! evaluated as one list (`[ (p1) (p2) … ]`): when both evaluators print
//! the same value, every one of them agrees in that mode. Otherwise each
//! half is judged the same way, down to single programs, which are judged
//! on their own, as are the programs Nixpen fails on.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::compare::{judge, verdict, Pair, Verdict};
use crate::expr::Expr;
use crate::known::Known;
use crate::minimise::minimise;
use crate::oracle::{Evaluator, Mode, Oracle, Outcome};

/// What to run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// How many programs (stopping earlier when `minutes` run out).
    pub count: u64,
    /// The seed of the first program; program `i` has seed `seed + i`.
    pub seed: u64,
    /// The time allowed, if limited.
    pub minutes: Option<f64>,
    /// Worker threads.
    pub jobs: usize,
    /// Programs per batch.
    pub batch: u64,
    /// Folder for work files and the report.
    pub out: PathBuf,
    /// The `nixpen` binary.
    pub nixpen: PathBuf,
    /// Time limit of one evaluation.
    pub timeout: Duration,
    /// Candidates the minimiser may evaluate per difference.
    pub minimise_budget: usize,
}

/// A difference found, minimised.
#[derive(Clone, Debug)]
pub struct Found {
    /// The seed of the program it was found in.
    pub seed: u64,
    /// The mode it shows in.
    pub mode: Mode,
    /// The program as generated.
    pub original: String,
    /// The smallest program showing it.
    pub minimised: String,
    /// What each evaluator gave for the smallest program.
    pub pair: Pair,
    /// How many programs showed a difference of the same signature.
    pub repeats: u64,
}

/// The campaign's counts and findings.
#[derive(Debug, Default)]
pub struct Stats {
    /// Programs generated and judged.
    pub programs: u64,
    /// Program × mode judgements that agreed.
    pub agreed: u64,
    /// Lists of programs that agreed as a whole.
    pub whole_batches: u64,
    /// Lists of programs that did not, and were split in halves.
    pub split_batches: u64,
    /// Judgements where both evaluators ran out of time.
    pub both_timeout: u64,
    /// Known differences: id → (count, an example program, CppNix's and Nixpen's outcome).
    pub known: BTreeMap<String, (u64, String, String, String)>,
    /// Unexplained differences, by signature.
    pub found: BTreeMap<String, Found>,
    /// Seconds spent.
    pub seconds: f64,
}

/// A rough name for a difference, so that the same bug found again is
/// counted rather than minimised again: the mode, the shape, and both
/// outcomes with numbers and quoted text blanked, cut short.
fn signature(mode: Mode, pair: &Pair) -> String {
    let blank = |s: &str| {
        let mut out = String::new();
        let mut quote: Option<char> = None;
        for c in s.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => {
                    quote = Some(c);
                    out.push('S');
                }
                None if c.is_ascii_digit() => {
                    if !out.ends_with('N') {
                        out.push('N');
                    }
                }
                None => out.push(c),
            }
        }
        out.chars().take(50).collect::<String>()
    };
    format!("{} {} | {} | {}", mode.name(), pair.shape(), blank(&pair.cppnix.view()), blank(&pair.nixpen.view()))
}

/// Runs the campaign, calling `progress` with the stats now and then.
pub fn run(settings: &Settings, known: &Known, progress: &(dyn Fn(&Stats) + Sync)) -> Stats {
    let stats = Mutex::new(Stats::default());
    let next = AtomicU64::new(0);
    let started = Instant::now();
    let deadline = settings.minutes.map(|m| started + Duration::from_secs_f64(m * 60.0));
    let batches = settings.count.div_ceil(settings.batch);
    std::thread::scope(|scope| {
        for worker in 0..settings.jobs {
            let (stats, next) = (&stats, &next);
            scope.spawn(move || {
                let dir = settings.out.join(format!("work/{worker}"));
                let store = settings.out.join(format!("store/{worker}"));
                let mut oracle = match Oracle::new(&dir, &store, &settings.nixpen, settings.timeout) {
                    Ok(o) => o,
                    Err(e) => {
                        eprintln!("worker {worker}: cannot prepare {}: {e}", dir.display());
                        return;
                    }
                };
                if let Err(e) = oracle.check() {
                    eprintln!("worker {worker}: {e}");
                    return;
                }
                loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    if b >= batches || deadline.is_some_and(|d| Instant::now() > d) {
                        break;
                    }
                    let first = settings.seed.wrapping_add(b * settings.batch);
                    let n = settings.batch.min(settings.count - b * settings.batch);
                    let programs: Vec<(u64, Expr)> =
                        (0..n).map(|k| first.wrapping_add(k)).map(|s| (s, crate::gen::program(s))).collect();
                    run_batch(&mut oracle, known, settings, &programs, stats);
                    let mut s = stats.lock().unwrap_or_else(|e| e.into_inner());
                    s.seconds = started.elapsed().as_secs_f64();
                    if b % 50 == 0 {
                        progress(&s);
                    }
                }
            });
        }
    });
    let mut s = stats.into_inner().unwrap_or_else(|e| e.into_inner());
    s.seconds = started.elapsed().as_secs_f64();
    s
}

fn run_batch(oracle: &mut Oracle, known: &Known, settings: &Settings, programs: &[(u64, Expr)], stats: &Mutex<Stats>) {
    lock(stats).programs += programs.len() as u64;
    // Nixpen (a few milliseconds a run) sorts out first the programs that
    // fail, which would spoil a list: they are judged one by one.
    let (fine, failing): (Vec<_>, Vec<_>) = programs
        .iter()
        .cloned()
        .partition(|(_, e)| matches!(oracle.run(&e.text(), Evaluator::Nixpen, Mode::Strict), Outcome::Value(..)));
    for mode in [Mode::Strict, Mode::Json] {
        judge_group(oracle, known, settings, &fine, mode, stats);
        for (seed, program) in &failing {
            judge_one(oracle, known, settings, *seed, program, mode, stats);
        }
    }
}

/// Judges a group of programs in one mode: as one list first; if the two
/// evaluators do not print the same value for it, each half on its own,
/// down to single programs.
fn judge_group(
    oracle: &mut Oracle,
    known: &Known,
    settings: &Settings,
    group: &[(u64, Expr)],
    mode: Mode,
    stats: &Mutex<Stats>,
) {
    match group {
        [] => return,
        [(seed, program)] => return judge_one(oracle, known, settings, *seed, program, mode, stats),
        _ => {}
    }
    let whole =
        format!("[\n{}\n]\n", group.iter().map(|(_, e)| format!("({})", e.text())).collect::<Vec<_>>().join("\n"));
    let c = oracle.run(&whole, Evaluator::CppNix, mode);
    let n = oracle.run(&whole, Evaluator::Nixpen, mode);
    if matches!(c, Outcome::Value(..)) && c == n {
        let mut s = lock(stats);
        s.agreed += group.len() as u64;
        s.whole_batches += 1;
        return;
    }
    lock(stats).split_batches += 1;
    let (a, b) = group.split_at(group.len() / 2);
    judge_group(oracle, known, settings, a, mode, stats);
    judge_group(oracle, known, settings, b, mode, stats);
}

fn lock(stats: &Mutex<Stats>) -> std::sync::MutexGuard<'_, Stats> {
    stats.lock().unwrap_or_else(|e| e.into_inner())
}

#[allow(clippy::too_many_arguments)]
fn judge_one(
    oracle: &mut Oracle,
    known: &Known,
    settings: &Settings,
    seed: u64,
    program: &Expr,
    mode: Mode,
    stats: &Mutex<Stats>,
) {
    let text = program.text();
    let cppnix = oracle.run(&text, Evaluator::CppNix, mode);
    let nixpen = oracle.run(&text, Evaluator::Nixpen, mode);
    let both_timeout = cppnix == Outcome::Timeout && nixpen == Outcome::Timeout;
    let example = (text, cppnix.view(), nixpen.view());
    match verdict(known, cppnix, nixpen) {
        Verdict::Agree => {
            let mut s = lock(stats);
            s.agreed += 1;
            s.both_timeout += u64::from(both_timeout);
        }
        Verdict::Known(id) => {
            let mut s = lock(stats);
            let entry = s.known.entry(id).or_insert((0, example.0, example.1, example.2));
            entry.0 += 1;
        }
        Verdict::Differ(pair) => record(oracle, known, settings, seed, program, mode, pair, stats),
    }
}

#[allow(clippy::too_many_arguments)]
fn record(
    oracle: &mut Oracle,
    known: &Known,
    settings: &Settings,
    seed: u64,
    program: &Expr,
    mode: Mode,
    pair: Pair,
    stats: &Mutex<Stats>,
) {
    let sig = signature(mode, &pair);
    {
        let mut s = stats.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = s.found.get_mut(&sig) {
            f.repeats += 1;
            return;
        }
    }
    let (small, small_pair) = minimise(oracle, known, program, mode, pair, settings.minimise_budget);
    // Judged once more: the smallest program must still differ.
    let pair = match judge(oracle, known, &small.text(), mode) {
        Verdict::Differ(p) => p,
        _ => small_pair,
    };
    let found = Found { seed, mode, original: program.text(), minimised: small.text(), pair, repeats: 1 };
    let mut s = stats.lock().unwrap_or_else(|e| e.into_inner());
    s.found.entry(sig).and_modify(|f| f.repeats += 1).or_insert(found);
}
