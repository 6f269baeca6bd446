//! What a check looks at: one [`Observation`] of the learner's
//! configuration (as it is, or with a check's `with` options forced): the
//! rendered system or the evaluation error, the warnings, and, when some
//! check asks for them, the options the learner's modules declare and
//! values read from `config` or from the flake's outputs.

use std::collections::BTreeMap;

use nixpen_nixos::Rendered;
use serde::{Deserialize, Serialize};

/// The folder under which the learner's files live in the evaluator's file
/// system, in the browser's worker and in `nixpen lesson check` alike (so
/// an error's position reads the same in both).
pub const PLAYGROUND_DIR: &str = "/playground";

/// Everything known about one configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// What NixOS would produce, or why it cannot be evaluated.
    pub system: Outcome<Rendered>,
    /// The evaluator's `warning:` and `trace:` lines, in order.
    pub messages: Vec<String>,
    /// The options the learner's own modules declare, when a check asked.
    pub options: Option<Outcome<Vec<OptionFacts>>>,
    /// Values below `config` by path, as `lib.nixpen.toText` prints them
    /// (`None`: no such attribute), when a check asked.
    pub values: BTreeMap<String, Outcome<Option<String>>>,
    /// The flake's outputs by path, shown as text, when a check asked.
    pub outputs: BTreeMap<String, Outcome<Option<String>>>,
}

impl Default for Observation {
    /// Nothing observed yet: the system is a [`Failure::default`].
    fn default() -> Observation {
        Observation {
            system: Err(Failure::default()),
            messages: Vec::new(),
            options: None,
            values: BTreeMap::new(),
            outputs: BTreeMap::new(),
        }
    }
}

/// A result of evaluation: the value, or the error.
pub type Outcome<T> = Result<T, Failure>;

/// An evaluation error as a check reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The one-line message (`undefined variable 'system'`).
    pub message: String,
    /// The file, relative to the playground when it is one of the
    /// learner's (`flake.nix`), else as the evaluator names it.
    pub file: Option<String>,
    /// The line, from 1 (0 when unknown).
    pub line: u32,
    /// The column, from 1 (0 when unknown).
    pub column: u32,
}

impl Default for Failure {
    fn default() -> Failure {
        Failure { message: "nothing was evaluated".into(), file: None, line: 0, column: 0 }
    }
}

impl Failure {
    /// A failure with no position (an answer of unexpected shape, say).
    pub fn plain(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), file: None, line: 0, column: 0 }
    }

    /// The failure of an evaluator error, its file made relative to the
    /// playground.
    pub fn of(error: &nixpen_eval::EvalError) -> Failure {
        let Some(pos) = &error.pos else {
            return Failure::plain(error.message.clone());
        };
        let file = pos.file.strip_prefix(PLAYGROUND_DIR).and_then(|rest| rest.strip_prefix('/')).unwrap_or(&pos.file);
        Failure { message: error.message.clone(), file: Some(file.to_owned()), line: pos.line, column: pos.column }
    }

    /// The failure as a learner reads it: the message, then where.
    ///
    /// ```
    /// use nixpen_lessons::observe::Failure;
    /// let f = Failure { message: "undefined variable 'system'".into(), file: Some("flake.nix".into()), line: 52, column: 43 };
    /// assert_eq!(f.to_string(), "undefined variable 'system' (flake.nix, line 52, column 43)");
    /// ```
    pub fn describe(&self) -> String {
        match &self.file {
            Some(file) if self.line > 0 => {
                format!("{} ({file}, line {}, column {})", self.message, self.line, self.column)
            }
            Some(file) => format!("{} ({file})", self.message),
            None => self.message.clone(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// What a check reads of one option (a part of `lib.nixpen.optionData`,
/// as `nixpen options --json` prints it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionFacts {
    /// Its path as NixOS shows it (`xeserv.services.gohello.port`).
    pub name: String,
    /// Its type's description (`16 bit unsigned integer; …`).
    #[serde(rename = "type")]
    pub type_description: String,
    /// Its default, if it has one.
    #[serde(default)]
    pub default: Option<OptionDoc>,
}

/// A default (or example) as option data gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionDoc {
    /// Its text: the value as `lib.nixpen.toText` prints it, or the text of
    /// a `literalExpression`.
    pub text: String,
}
