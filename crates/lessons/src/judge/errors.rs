//! Tests on how evaluation went: it succeeds; it fails with a message at
//! a position; a warning mentions something.

use nixpen_nixos::Rendered;

use super::Verdict;
use crate::observe::{Observation, Outcome};

/// Whether the configuration evaluates.
pub fn evaluates(system: &Outcome<Rendered>) -> Verdict {
    match system {
        Ok(_) => Verdict::pass(),
        Err(failure) => Verdict::fail(format!("evaluation fails: {failure}")),
    }
}

/// Whether evaluation fails with a message containing `contains`, in
/// `file` at `line` and `column` (each only when given).
pub fn error(
    system: &Outcome<Rendered>,
    contains: &str,
    file: Option<&str>,
    line: Option<u32>,
    column: Option<u32>,
) -> Verdict {
    let failure = match system {
        Ok(_) => return Verdict::fail("the configuration evaluates without an error"),
        Err(failure) => failure,
    };
    let message_ok = failure.message.contains(contains);
    let file_ok = file.is_none_or(|f| failure.file.as_deref() == Some(f));
    let line_ok = line.is_none_or(|l| failure.line == l);
    let column_ok = column.is_none_or(|c| failure.column == c);
    Verdict::when(message_ok && file_ok && line_ok && column_ok, || format!("the error is: {failure}"))
}

/// Whether some warning mentions `contains` (`present`), or none does.
pub fn warning(observation: &Observation, contains: &str, present: bool) -> Verdict {
    let mut warnings: Vec<&str> = observation.messages.iter().filter_map(|m| warning_text(m)).collect();
    if let Ok(system) = &observation.system {
        warnings.extend(system.warnings.iter().map(String::as_str));
    }
    let found = warnings.iter().find(|w| w.contains(contains));
    match (found, present) {
        (Some(_), true) | (None, false) => Verdict::pass(),
        (Some(w), false) => Verdict::fail(format!("a warning says: {w}")),
        (None, true) if warnings.is_empty() => Verdict::fail("there are no warnings"),
        (None, true) => Verdict::fail(format!("the warnings are: {}", warnings.join(" / "))),
    }
}

/// The text of an evaluator's warning line (`evaluation warning: …` or
/// `warning: …`); `None` for other lines (`trace: …`).
fn warning_text(line: &str) -> Option<&str> {
    line.strip_prefix("evaluation warning: ").or_else(|| line.strip_prefix("warning: "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observe::Failure;

    fn typo() -> Outcome<Rendered> {
        Err(Failure {
            message: "undefined variable 'system'".into(),
            file: Some("flake.nix".into()),
            line: 52,
            column: 43,
        })
    }

    #[test]
    fn an_error_at_its_place() {
        assert!(error(&typo(), "undefined variable 'system'", Some("flake.nix"), Some(52), Some(43)).passed);
        assert!(error(&typo(), "undefined variable", None, Some(52), None).passed);
        let v = error(&typo(), "undefined variable 'system'", None, Some(45), None);
        assert_eq!(
            v.detail.as_deref(),
            Some("the error is: undefined variable 'system' (flake.nix, line 52, column 43)")
        );
        let v = error(&Ok(Rendered::default()), "undefined variable", None, None, None);
        assert_eq!(v.detail.as_deref(), Some("the configuration evaluates without an error"));
    }

    #[test]
    fn evaluating_or_not() {
        assert!(evaluates(&Ok(Rendered::default())).passed);
        let v = evaluates(&typo());
        assert_eq!(
            v.detail.as_deref(),
            Some("evaluation fails: undefined variable 'system' (flake.nix, line 52, column 43)")
        );
    }

    #[test]
    fn warnings_from_nixos_and_from_the_evaluator() {
        let mut seen = Observation {
            system: Ok(Rendered { warnings: vec!["The option `x' is deprecated".into()], ..Rendered::default() }),
            messages: vec!["trace: hello".into(), "evaluation warning: system.stateVersion is not set".into()],
            ..Observation::default()
        };
        assert!(warning(&seen, "stateVersion", true).passed);
        assert!(warning(&seen, "deprecated", true).passed);
        assert!(warning(&seen, "hello", false).passed, "a trace is not a warning");
        let v = warning(&seen, "stateVersion", false);
        assert_eq!(v.detail.as_deref(), Some("a warning says: system.stateVersion is not set"));
        seen.messages.clear();
        seen.system = Ok(Rendered::default());
        assert_eq!(warning(&seen, "x", true).detail.as_deref(), Some("there are no warnings"));
    }
}
