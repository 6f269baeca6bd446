//! The one place that calls the evaluator (`nixpen-eval`). Runs inside the
//! worker.
//!
//! INTERIM: until `nixpen_eval::Evaluator` lands this only parses (with
//! rnix) and reports syntax errors with their positions; a syntactically
//! valid program is answered with an explicit "not available" error.

use crate::protocol::{playground_path, EntryKind, ErrorPos, ErrorReport, EvalRequest, EvalResponse};

/// Long-lived evaluation state of one worker.
pub struct Engine;

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// A fresh engine.
    pub fn new() -> Engine {
        Engine
    }

    /// Evaluates `request.entry` (strictly, printed as Nix) among `request.files`.
    pub fn eval(&mut self, request: &EvalRequest) -> EvalResponse {
        let started = js_sys::Date::now();
        let path = playground_path(&request.entry);
        let text = request.files.iter().find(|f| f.name == request.entry).map(|f| f.text.as_str());
        let result = match text {
            None => Err(report(format!("getting status of '{path}': No such file or directory"), None)),
            Some(text) => match rnix::Root::parse(text).errors().first() {
                Some(error) => {
                    let offset = error_offset(error, text);
                    let (line, column) = line_column(text, offset);
                    Err(report(format!("syntax error, {error}"), Some(ErrorPos { file: path, line, column })))
                }
                None => Err(report("the evaluator is not available in this build yet".into(), None)),
            },
        };
        EvalResponse { id: request.id, kind: EntryKind::of(&request.entry), result, messages: Vec::new(), millis: js_sys::Date::now() - started }
    }
}

fn report(message: String, pos: Option<ErrorPos>) -> ErrorReport {
    let rendered = match &pos {
        Some(pos) => format!("error: {message}\n       at {}:{}:{}:", pos.file, pos.line, pos.column),
        None => format!("error: {message}"),
    };
    ErrorReport { message, pos, rendered }
}

fn error_offset(error: &rnix::ParseError, text: &str) -> usize {
    use rnix::ParseError::*;
    match error {
        Unexpected(r) | UnexpectedExtra(r) | UnexpectedWanted(_, r, _) | UnexpectedDoubleBind(r)
        | DuplicatedArgs(r, _) => usize::from(r.start()),
        _ => text.len(),
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, column)
}
