//! Judging a check against an observation: pass or fail, and on failure
//! what was found instead, in words a learner understands. One file per
//! family of tests.

mod errors;
mod firewall;
mod nginx;
mod options;
mod text;
mod unit;
mod values;

use serde::{Deserialize, Serialize};

use crate::check::Test;
use crate::observe::{Observation, Outcome};
use nixpen_nixos::Rendered;

pub use text::squash;

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Whether the check passed.
    pub passed: bool,
    /// When it failed: what was found instead (`ExecStart is
    /// "…/bin/web-server"`), or why nothing could be looked at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Verdict {
    /// A pass.
    pub fn pass() -> Verdict {
        Verdict { passed: true, detail: None }
    }

    /// A failure, with what was found instead.
    pub fn fail(detail: impl Into<String>) -> Verdict {
        Verdict { passed: false, detail: Some(detail.into()) }
    }

    /// A pass when `ok`, else a failure saying `detail()`.
    pub fn when(ok: bool, detail: impl FnOnce() -> String) -> Verdict {
        if ok {
            Verdict::pass()
        } else {
            Verdict::fail(detail())
        }
    }
}

/// Judges `test` against `observation`.
///
/// ```
/// use nixpen_lessons::check::Test;
/// use nixpen_lessons::judge::judge;
/// use nixpen_lessons::observe::Observation;
/// let mut seen = Observation::default();
/// seen.system = Ok(Default::default());
/// assert!(judge(&Test::Evaluates, &seen).passed);
/// let v = judge(&Test::Unit { unit: "nginx.service".into(), present: true }, &seen);
/// assert_eq!(v.detail.as_deref(), Some("there is no unit nginx.service (there are no units at all)"));
/// ```
pub fn judge(test: &Test, observation: &Observation) -> Verdict {
    match test {
        Test::Evaluates => errors::evaluates(&observation.system),
        Test::Error { contains, file, line, column } => {
            errors::error(&observation.system, contains, file.as_deref(), *line, *column)
        }
        Test::Warning { contains, present } => errors::warning(observation, contains, *present),
        Test::Option { name, present, type_description, default } => {
            options::option(observation.options.as_ref(), name, *present, type_description, default)
        }
        Test::Value { path, equals } => values::value(observation.values.get(path), "config.", path, equals),
        Test::Output { path, text, present } => {
            values::output(observation.outputs.get(path), path, text.as_ref(), *present)
        }
        _ => match &observation.system {
            Ok(system) => judge_system(test, system),
            Err(failure) => Verdict::fail(cannot_look(failure)),
        },
    }
}

/// Tests on the rendered system.
fn judge_system(test: &Test, system: &Rendered) -> Verdict {
    match test {
        Test::Unit { unit: name, present } => unit::presence(system, name, *present),
        Test::UnitKey { unit: name, section, key, text } => unit::key(system, name, section.as_deref(), key, text),
        Test::Nginx { directive, present } => nginx::directive(system, directive.as_deref(), *present),
        Test::Port { port, protocol, interface, open } => {
            firewall::port(&system.firewall, *port, *protocol, interface.as_deref(), *open)
        }
        Test::Etc { path, text, present } => values::etc(system, path, text.as_ref(), *present),
        _ => Verdict::fail("(Nixpen) this check does not read the rendered system"),
    }
}

/// Why a check that reads the system could not look at it.
fn cannot_look(failure: &crate::observe::Failure) -> String {
    format!("the configuration does not evaluate: {failure}")
}

/// An observed value, or the failure to observe it, as a verdict's detail.
fn observed<'a, T>(outcome: Option<&'a Outcome<T>>, what: &str) -> Result<&'a T, Verdict> {
    match outcome {
        Some(Ok(value)) => Ok(value),
        Some(Err(failure)) => Err(Verdict::fail(format!("{what} cannot be read: {failure}"))),
        None => Err(Verdict::fail(format!("(Nixpen) {what} was not observed"))),
    }
}

/// A list of names for a detail: the first few, and how many more.
fn some_of<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    const SHOWN: usize = 6;
    let mut text = names.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    text
}
