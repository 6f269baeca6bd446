//! Running a step's checks. The judges are written in Nix
//! (`<nixpkgs/nixpen/lesson-checks.nix>`, in `crates/nixos/nixpkgs-extra/`);
//! this file only says what to evaluate, and carries what the engine
//! reports from the first evaluation to the second:
//!
//! 1. the judges' `judgeStep`, printed one part per check (one heap, so
//!    the configuration is evaluated once, and a part that fails fails
//!    alone);
//! 2. the judges' `verdicts`, given each part's JSON or the error the
//!    engine reported, and the evaluator's `warning:` lines: the verdicts.
//!
//! `nixpen lesson check` ([`crate::Playground`]) and the playground's
//! worker call [`run_checks`] with their own evaluator, so both judge
//! alike. It decodes nothing, so the worker links none of the checks'
//! serde code.

use nixpen_eval::print::escape_str;
use nixpen_eval::{EvalError, Evaluator, Input, OutputFormat, Request};

/// The folder under which the learner's files live in the evaluator's file
/// system, in the browser's worker and in `nixpen lesson check` alike (so
/// an error's position reads the same in both).
pub const PLAYGROUND_DIR: &str = "/playground";

/// The most checks a step may have: the judges' `judgeStep` gives this
/// many parts (null past the step's checks).
pub const MAX_CHECKS: usize = PARTS.len();

/// The parts of `judgeStep`, each printed as JSON.
const PARTS: [(&str, OutputFormat); 32] = {
    const N: [&str; 32] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19",
        "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
    ];
    let mut parts = [("", OutputFormat::Json); 32];
    let mut i = 0;
    while i < 32 {
        parts[i].0 = N[i];
        i += 1;
    }
    parts
};

/// Judges a step's checks on the files under [`PLAYGROUND_DIR`]:
/// `step_json` is the step as a course's bundle holds it, or at least its
/// `entry`, `attr` and `checks` (`{"entry":"flake.nix","checks":[…]}`).
/// Returns the JSON list of verdicts (`{ "passed": …, "detail"?: … }`), in
/// the checks' order; `Err` when the judges themselves could not run
/// (their file is missing, or the step is not such JSON).
pub fn run_checks(evaluator: &mut Evaluator, step_json: &str) -> Result<String, EvalError> {
    let step = escape_str(step_json);
    let judge =
        format!("(import <nixpkgs/nixpen/lesson-checks.nix>).judgeStep {{ dir = \"{PLAYGROUND_DIR}\"; step = builtins.fromJSON {step}; }}");
    let judged = evaluator.eval_parts(&request(judge), &PARTS);
    let mut verdicts = format!(
        "(import <nixpkgs/nixpen/lesson-checks.nix>).verdicts {{ dir = \"{PLAYGROUND_DIR}\"; \
         checks = (builtins.fromJSON {step}).checks; results = ["
    );
    for result in &judged.results {
        push_result(&mut verdicts, result);
    }
    verdicts.push_str(" ]; messages = [");
    for line in &judged.messages {
        verdicts.push(' ');
        verdicts.push_str(&escape_str(line));
    }
    verdicts.push_str(" ]; }");
    evaluator.eval(&request(verdicts)).result
}

/// Appends one part's outcome as the judges' `verdicts` reads it: its
/// JSON, or the error with its position.
///
/// ```
/// use nixpen_eval::{EvalError, Pos};
/// let error = EvalError { message: "undefined variable 'x'".into(), rendered: String::new(),
///     pos: Some(Pos { file: "/playground/flake.nix".into(), line: 3, column: 5 }) };
/// let mut text = String::new();
/// nixpen_lessons::run::push_result(&mut text, &Err(error));
/// nixpen_lessons::run::push_result(&mut text, &Ok("null".into()));
/// assert_eq!(text, concat!(r#" { error = { message = "undefined variable 'x'"; file = "/playground/flake.nix"; line = 3; column = 5; }; }"#,
///                          r#" { ok = builtins.fromJSON "null"; }"#));
/// ```
pub fn push_result(text: &mut String, result: &Result<String, EvalError>) {
    match result {
        Ok(json) => {
            text.push_str(" { ok = builtins.fromJSON ");
            text.push_str(&escape_str(json));
            text.push_str("; }");
        }
        Err(error) => {
            let (file, line, column) = match &error.pos {
                Some(pos) => (escape_str(&pos.file), pos.line, pos.column),
                None => ("null".to_owned(), 0, 0),
            };
            let message = escape_str(&error.message);
            text.push_str(&format!(
                " {{ error = {{ message = {message}; file = {file}; line = {line}; column = {column}; }}; }}"
            ));
        }
    }
}

/// A strict evaluation of `text`, printed as JSON.
fn request(text: String) -> Request {
    Request { input: Input::Expr { text }, attr: None, auto_args: Vec::new(), strict: true, format: OutputFormat::Json }
}
