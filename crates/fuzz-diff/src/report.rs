//! The campaign's report: `report.md` for people, `report.json` for
//! tools, both in the output folder.

use std::fmt::Write;
use std::path::Path;

use serde_json::json;

use crate::campaign::{Settings, Stats};
use crate::known::Known;

/// Writes `report.md` and `report.json` into `dir`.
pub fn write(dir: &Path, settings: &Settings, known: &Known, stats: &Stats) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("report.md"), markdown(settings, known, stats))?;
    let found: Vec<_> = stats
        .found
        .iter()
        .map(|(sig, f)| {
            json!({
                "signature": sig, "seed": f.seed, "mode": f.mode.name(), "repeats": f.repeats,
                "minimised": f.minimised, "original": f.original,
                "cppnix": f.pair.cppnix.view(), "nixpen": f.pair.nixpen.view(),
                "cppnix_traces": f.pair.cppnix.traces(), "nixpen_traces": f.pair.nixpen.traces(),
            })
        })
        .collect();
    let known_counts: serde_json::Map<String, serde_json::Value> =
        stats.known.iter().map(|(id, (n, ..))| (id.clone(), json!(n))).collect();
    let doc = json!({
        "seed": settings.seed, "programs": stats.programs, "judgements": stats.programs * 2,
        "agreed": stats.agreed, "both_timeout": stats.both_timeout, "whole_batches": stats.whole_batches,
        "split_batches": stats.split_batches, "seconds": stats.seconds, "known": known_counts,
        "differences": found,
    });
    std::fs::write(dir.join("report.json"), serde_json::to_string_pretty(&doc).unwrap_or_default())
}

/// One line summing the campaign up.
pub fn summary(stats: &Stats) -> String {
    let known: u64 = stats.known.values().map(|k| k.0).sum();
    let repeats: u64 = stats.found.values().map(|f| f.repeats).sum();
    format!(
        "{} programs ({} judgements) in {:.0} s: {} agreed, {} known differences, {} unexplained ({} distinct)",
        stats.programs,
        stats.programs * 2,
        stats.seconds,
        stats.agreed,
        known,
        repeats,
        stats.found.len()
    )
}

fn markdown(settings: &Settings, known: &Known, stats: &Stats) -> String {
    let mut md = String::from("# Differential fuzzing report\n\n");
    let _ = writeln!(
        md,
        "Seeds {} to {} (batches of {}).\n",
        settings.seed,
        settings.seed.wrapping_add(stats.programs.saturating_sub(1)),
        settings.batch
    );
    let _ = writeln!(md, "{}.\n", summary(stats));
    let _ = writeln!(
        md,
        "Lists of programs agreeing as a whole: {}; split in halves: {}. Both out of time: {}.\n",
        stats.whole_batches, stats.split_batches, stats.both_timeout
    );
    md.push_str("## Known differences (reviewed: `known-differences.md`)\n\n");
    for entry in known.entries() {
        match stats.known.get(&entry.id) {
            Some((n, program, c, x)) => {
                let _ = writeln!(
                    md,
                    "- `{}`: {n} — {}\n  - e.g. `{}`\n  - CppNix: `{}`\n  - nixpen: `{}`",
                    entry.id,
                    entry.reason,
                    one_line(program),
                    one_line(c),
                    one_line(x)
                );
            }
            None => {
                let _ = writeln!(md, "- `{}`: 0", entry.id);
            }
        }
    }
    md.push_str("\n## Unexplained differences\n\n");
    if stats.found.is_empty() {
        md.push_str("None.\n");
    }
    for (i, (sig, f)) in stats.found.iter().enumerate() {
        let _ = writeln!(md, "### {}. {} ({} programs)\n", i + 1, sig, f.repeats);
        let _ = writeln!(md, "Seed {}, `{}`. Minimised:\n\n```nix\n{}\n```\n", f.seed, f.mode.name(), f.minimised);
        let _ = writeln!(md, "- CppNix: `{}`", one_line(&f.pair.cppnix.view()));
        let _ = writeln!(md, "- nixpen: `{}`", one_line(&f.pair.nixpen.view()));
        if f.pair.cppnix.traces() != f.pair.nixpen.traces() {
            let _ = writeln!(md, "- traces: CppNix {:?}, nixpen {:?}", f.pair.cppnix.traces(), f.pair.nixpen.traces());
        }
        let _ = writeln!(md, "\nOriginal:\n\n```nix\n{}\n```\n", f.original);
    }
    md
}

fn one_line(s: &str) -> String {
    let s = s.replace('\n', "⏎").replace('`', "'");
    if s.chars().count() > 300 {
        s.chars().take(300).collect::<String>() + "…"
    } else {
        s
    }
}
