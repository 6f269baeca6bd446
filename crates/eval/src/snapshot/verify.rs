//! Checking a snapshot against lowering afresh (for tests).

use super::{read, Snapshot, Strings};
use crate::parse::{file_dir, parse_and_lower};

/// Lowers every file of `snap` afresh from the text its tree was made from
/// and compares that tree and its warnings with what the snapshot gives
/// (their `Debug` text, spans included). Returns how many files were
/// compared, or the first difference.
pub fn verify(snap: &Snapshot) -> Result<usize, String> {
    // Any id but the one `write` lowers with, to see that spans get it.
    const FILE: u32 = 7;
    let mut strings = Strings::default();
    let mut paths: Vec<&str> = snap.paths().collect();
    paths.sort_unstable();
    for path in &paths {
        let text = snap
            .text(path)
            .and_then(|t| std::str::from_utf8(t).ok())
            .ok_or_else(|| format!("{path}: no UTF-8 text"))?;
        let (fresh, fresh_warnings) =
            parse_and_lower(text, FILE, &file_dir(path, "/"), false, crate::lints::Lints::default())
                .map_err(|f| format!("{path}: {}", f.msg))?;
        let (stored, stored_warnings) = read(snap, &mut strings, path, text, FILE)
            .ok_or_else(|| format!("{path}: the snapshot's tree cannot be read"))?;
        let (fresh, stored) = (format!("{fresh:?}"), format!("{stored:?}"));
        if let Some(at) = fresh
            .bytes()
            .zip(stored.bytes())
            .position(|(a, b)| a != b)
            .or((fresh.len() != stored.len()).then(|| fresh.len().min(stored.len())))
        {
            let around = |s: &str| {
                String::from_utf8_lossy(&s.as_bytes()[at.saturating_sub(80)..(at + 80).min(s.len())]).into_owned()
            };
            return Err(format!(
                "{path}: the trees differ:\n  lowered: …{}…\n  stored:  …{}…",
                around(&fresh),
                around(&stored)
            ));
        }
        if fresh_warnings != stored_warnings {
            return Err(format!("{path}: the warnings differ: {fresh_warnings:?} and {stored_warnings:?}"));
        }
    }
    Ok(paths.len())
}
