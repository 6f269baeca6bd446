//! Running a step's checks. The judges are written in Nix
//! (`<nixpkgs/nixpen/lesson-checks.nix>`, in `crates/nixos/nixpkgs-extra/`);
//! this file only says what to evaluate, and carries what the engine
//! reports from the first evaluation to the second:
//!
//! 1. the judges' `judge`, printed one part per check (one heap, so the
//!    configuration is evaluated once, and a part that fails fails alone);
//! 2. the judges' `verdicts`, given each part's JSON or the error the
//!    engine reported, and the evaluator's `warning:` lines: the verdicts.
//!
//! `nixpen lesson check` ([`crate::Playground`]) and the playground's
//! worker call [`run_checks`] with their own evaluator, so both judge
//! alike.

use nixpen_eval::print::escape_str;
use nixpen_eval::{EvalError, Evaluator, Input, OutputFormat, PartsOutcome, Request};
use nixpen_nixos::Target;

/// The folder under which the learner's files live in the evaluator's file
/// system, in the browser's worker and in `nixpen lesson check` alike (so
/// an error's position reads the same in both).
pub const PLAYGROUND_DIR: &str = "/playground";

/// The judges, on the search path's `nixpkgs`.
pub const JUDGES: &str = "<nixpkgs/nixpen/lesson-checks.nix>";

/// What the playground evaluates for a step whose entry file is `entry`:
/// `flake.nix` is a flake (its configuration `attr`, or its only one), any
/// other file a NixOS module.
///
/// ```
/// use nixpen_nixos::Target;
/// assert_eq!(nixpen_lessons::run::target_of("configuration.nix", None),
///            Target::Module { path: "/playground/configuration.nix".into() });
/// ```
pub fn target_of(entry: &str, attr: Option<&str>) -> Target {
    if entry == "flake.nix" {
        Target::Flake { dir: PLAYGROUND_DIR.into(), attr: attr.map(str::to_owned) }
    } else {
        Target::Module { path: format!("{PLAYGROUND_DIR}/{entry}") }
    }
}

/// Judges the checks `checks_json` (the JSON list of `count` checks, as a
/// course's bundle holds them) on the configuration `target`: the JSON
/// list of verdicts (`{ "passed": …, "detail"?: … }`), in order; `Err`
/// when the judges themselves could not run (their file is missing, say).
pub fn run_checks(
    evaluator: &mut Evaluator,
    target: &Target,
    checks_json: &str,
    count: usize,
) -> Result<String, EvalError> {
    let names: Vec<String> = (0..count).map(|i| i.to_string()).collect();
    let parts: Vec<(&str, OutputFormat)> = names.iter().map(|name| (name.as_str(), OutputFormat::Json)).collect();
    let judged = evaluator.eval_parts(&request(judge_expr(target, checks_json)), &parts);
    evaluator.eval(&request(verdicts_expr(target, checks_json, &judged))).result
}

/// The first evaluation: the judges' parts, one per check.
pub fn judge_expr(target: &Target, checks_json: &str) -> String {
    let outputs = match target {
        Target::Flake { dir, .. } => format!("(import <nixpkgs/flake> {{ src = /. + {}; }}).outputs", escape_str(dir)),
        Target::Module { .. } => "null".to_owned(),
    };
    format!(
        "(import {JUDGES}).judge {{ configuration = {}; outputs = {outputs}; dir = {}; checks = builtins.fromJSON {}; }}",
        target.configuration_expr(),
        escape_str(&target.user_dir()),
        escape_str(checks_json),
    )
}

/// The second evaluation: the verdicts, from what the first one gave.
pub fn verdicts_expr(target: &Target, checks_json: &str, judged: &PartsOutcome) -> String {
    let results: Vec<String> = judged.results.iter().map(result_nix).collect();
    let messages: Vec<String> = judged.messages.iter().map(|line| escape_str(line)).collect();
    format!(
        "(import {JUDGES}).verdicts {{ dir = {}; checks = builtins.fromJSON {}; results = [ {} ]; messages = [ {} ]; }}",
        escape_str(&target.user_dir()),
        escape_str(checks_json),
        results.join(" "),
        messages.join(" "),
    )
}

/// One part's outcome as the judges' `verdicts` reads it.
///
/// ```
/// use nixpen_eval::{EvalError, Pos};
/// let error = EvalError { message: "undefined variable 'x'".into(), rendered: String::new(),
///     pos: Some(Pos { file: "/playground/flake.nix".into(), line: 3, column: 5 }) };
/// assert_eq!(nixpen_lessons::run::result_nix(&Err(error)),
///     r#"{ error = { message = "undefined variable 'x'"; file = "/playground/flake.nix"; line = 3; column = 5; }; }"#);
/// assert_eq!(nixpen_lessons::run::result_nix(&Ok("true".into())), r#"{ ok = builtins.fromJSON "true"; }"#);
/// ```
pub fn result_nix(result: &Result<String, EvalError>) -> String {
    match result {
        Ok(json) => format!("{{ ok = builtins.fromJSON {}; }}", escape_str(json)),
        Err(error) => {
            let (file, line, column) = match &error.pos {
                Some(pos) => (escape_str(&pos.file), pos.line, pos.column),
                None => ("null".to_owned(), 0, 0),
            };
            format!(
                "{{ error = {{ message = {}; file = {file}; line = {line}; column = {column}; }}; }}",
                escape_str(&error.message)
            )
        }
    }
}

/// A strict evaluation of `text`, printed as JSON.
fn request(text: String) -> Request {
    Request { input: Input::Expr { text }, attr: None, auto_args: Vec::new(), strict: true, format: OutputFormat::Json }
}
