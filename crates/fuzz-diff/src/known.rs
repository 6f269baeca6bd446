//! The reviewed list of known differences between CppNix 2.8 (the oracle
//! here) and current Nix, which Nixpen follows: `known-differences.json`
//! (read here) and `known-differences.md` (the reasons, for people).
//!
//! A difference is explained by an entry when the entry's `cppnix`
//! pattern matches what CppNix gave and its `nixpen` pattern what Nixpen
//! gave. Explained differences are still counted, entry by entry, and
//! shown in the report with an example: nothing is filtered silently.

use regex_lite::Regex;
use serde::Deserialize;

use crate::oracle::Outcome;

/// One entry of the list.
#[derive(Debug, Deserialize)]
pub struct KnownDifference {
    /// A short name, also a heading of `known-differences.md`.
    pub id: String,
    /// Why the two differ (one line; the `.md` file says more).
    pub reason: String,
    /// Pattern for CppNix's outcome (see [`text_of`]).
    pub cppnix: String,
    /// Pattern for Nixpen's outcome.
    pub nixpen: String,
    /// Whether, beyond the patterns, Nixpen's line must be CppNix's line
    /// followed by more (current Nix's errors that now end with the value
    /// in question: `: VALUE`, `; values are …`).
    #[serde(default)]
    pub extends: bool,
}

/// The list, its patterns compiled.
pub struct Known {
    entries: Vec<(KnownDifference, Regex, Regex)>,
}

/// The machine-readable list, as committed.
pub const LIST: &str = include_str!("../known-differences.json");

/// What a pattern is matched against: the outcome's line (`value: …`,
/// `error: …`, `timeout`, `crash: …`) and the `trace:` lines after it.
pub fn text_of(o: &Outcome) -> String {
    let mut text = o.view();
    for t in o.traces() {
        text.push('\n');
        text.push_str(t);
    }
    text
}

impl Known {
    /// Parses the committed list.
    pub fn load() -> Result<Known, String> {
        Known::parse(LIST)
    }

    /// Parses a list in the committed format.
    pub fn parse(json: &str) -> Result<Known, String> {
        let entries: Vec<KnownDifference> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        for e in entries {
            let c = Regex::new(&e.cppnix).map_err(|err| format!("{}: {err}", e.id))?;
            let n = Regex::new(&e.nixpen).map_err(|err| format!("{}: {err}", e.id))?;
            out.push((e, c, n));
        }
        Ok(Known { entries: out })
    }

    /// The entry explaining this pair of outcomes, if any.
    pub fn explain(&self, cppnix: &Outcome, nixpen: &Outcome) -> Option<&KnownDifference> {
        let (c, n) = (text_of(cppnix), text_of(nixpen));
        let extends = |e: &KnownDifference| {
            !e.extends || nixpen.view().strip_prefix(cppnix.view().as_str()).is_some_and(|rest| !rest.is_empty())
        };
        self.entries.iter().find(|(e, rc, rn)| rc.is_match(&c) && rn.is_match(&n) && extends(e)).map(|(e, _, _)| e)
    }

    /// Every entry.
    pub fn entries(&self) -> impl Iterator<Item = &KnownDifference> {
        self.entries.iter().map(|(e, _, _)| e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_list_parses_and_each_entry_has_its_reason_written_up() {
        let known = Known::load().expect("known-differences.json parses");
        let doc = include_str!("../known-differences.md");
        for e in known.entries() {
            assert!(doc.contains(&format!("## `{}`", e.id)), "{} has no section in known-differences.md", e.id);
            assert!(!e.reason.is_empty(), "{} gives no reason", e.id);
        }
        let sections = doc.lines().filter(|l| l.starts_with("## `")).count();
        assert_eq!(sections, known.entries().count(), "known-differences.md and .json list the same entries");
    }

    #[test]
    fn an_entry_needs_both_sides_to_match() {
        let known = Known::parse(r#"[{"id":"t","reason":"r","cppnix":"^value: 1$","nixpen":"^value: 2$"}]"#).unwrap();
        let (one, two) = (Outcome::Value("1".into(), vec![]), Outcome::Value("2".into(), vec![]));
        assert!(known.explain(&one, &two).is_some());
        assert!(known.explain(&two, &one).is_none());
    }

    #[test]
    fn an_extending_entry_needs_the_same_start() {
        let known =
            Known::parse(r#"[{"id":"t","reason":"r","cppnix":"^error: a","nixpen":"^error: a","extends":true}]"#)
                .unwrap();
        let error = |s: &str| Outcome::Error(s.into(), vec![]);
        assert!(known.explain(&error("error: a b"), &error("error: a b: 1")).is_some());
        assert!(known.explain(&error("error: a b"), &error("error: a c: 1")).is_none());
    }
}
