//! A check's verdict, as the judges (`<nixpkgs/nixpen/lesson-checks.nix>`)
//! give it: pass, or fail with what was found instead.

use serde::{Deserialize, Serialize};

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Whether the check passed.
    pub passed: bool,
    /// When it failed: what was found instead (`ExecStart of gohello.service
    /// is …`), or why nothing could be looked at.
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
}
