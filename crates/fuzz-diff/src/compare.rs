//! Comparing the two evaluators on one program in one mode.

use crate::known::Known;
use crate::oracle::{Evaluator, Mode, Oracle, Outcome};

/// The verdict on one program in one mode.
#[derive(Clone, Debug)]
pub enum Verdict {
    /// The same value (and traces), the same error line, or both out of
    /// time.
    Agree,
    /// Different, as a reviewed entry of the known list says (its id).
    Known(String),
    /// Different, unexplained.
    Differ(Pair),
}

/// What each evaluator gave.
#[derive(Clone, Debug)]
pub struct Pair {
    /// CppNix's outcome.
    pub cppnix: Outcome,
    /// Nixpen's outcome.
    pub nixpen: Outcome,
}

impl Pair {
    /// The shape of the difference, which a smaller program must keep to
    /// stand for the same bug: which side gave a value, an error, …, and
    /// whether only the traces differ.
    pub fn shape(&self) -> String {
        let kind = |o: &Outcome| match o {
            Outcome::Value(..) => "value",
            Outcome::Error(e, _) if e.starts_with("error: syntax error") => "syntax-error",
            Outcome::Error(..) => "error",
            Outcome::Timeout => "timeout",
            Outcome::Crash(_) => "crash",
        };
        let traces = if self.cppnix.view() == self.nixpen.view() { "+traces" } else { "" };
        format!("{}/{}{traces}", kind(&self.cppnix), kind(&self.nixpen))
    }
}

/// Nix 2.8 ends `--json` output without a newline, current Nix with one;
/// the outcomes are compared without it (the oracle strips one already).
fn same(a: &Outcome, b: &Outcome) -> bool {
    match (a, b) {
        (Outcome::Timeout, Outcome::Timeout) => true,
        _ => a == b,
    }
}

/// Runs `text` through both evaluators in `mode` and judges.
pub fn judge(oracle: &mut Oracle, known: &Known, text: &str, mode: Mode) -> Verdict {
    let cppnix = oracle.run(text, Evaluator::CppNix, mode);
    let nixpen = oracle.run(text, Evaluator::Nixpen, mode);
    verdict(known, cppnix, nixpen)
}

/// The verdict on two outcomes.
pub fn verdict(known: &Known, cppnix: Outcome, nixpen: Outcome) -> Verdict {
    if same(&cppnix, &nixpen) {
        return Verdict::Agree;
    }
    match known.explain(&cppnix, &nixpen) {
        Some(k) => Verdict::Known(k.id.clone()),
        None => Verdict::Differ(Pair { cppnix, nixpen }),
    }
}
