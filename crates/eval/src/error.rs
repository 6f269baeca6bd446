//! Evaluation errors (internal form) and their Nix-style rendering.

use crate::expr::Span;
use crate::source::Files;

/// What kind of error: decides whether `tryEval` catches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrKind {
    /// `throw` (catchable).
    Throw,
    /// A failed `assert` (catchable).
    Assert,
    /// `abort`.
    Abort,
    /// Any other evaluation error.
    Eval,
    /// A resource limit was hit (never catchable).
    Limit,
}

/// An evaluation error with its trace.
#[derive(Clone, Debug)]
pub struct Error {
    /// Kind.
    pub kind: ErrKind,
    /// The message (without `error: `).
    pub msg: String,
    /// Where the error happened.
    pub span: Option<Span>,
    /// Trace frames, innermost first: (position, text).
    pub frames: Vec<(Option<Span>, String)>,
    /// Extra lines after the message (`Did you mean …?`).
    pub hint: Option<String>,
}

/// The result type of evaluation functions.
pub type R<T> = Result<T, Box<Error>>;

/// A generic evaluation error.
pub fn err<T>(msg: impl Into<String>) -> R<T> {
    Err(Box::new(Error { kind: ErrKind::Eval, msg: msg.into(), span: None, frames: Vec::new(), hint: None }))
}

/// A generic evaluation error at a position.
pub fn err_at<T>(span: Span, msg: impl Into<String>) -> R<T> {
    Err(error(ErrKind::Eval, Some(span), msg))
}

/// An error of a given kind.
pub fn err_kind<T>(kind: ErrKind, span: Option<Span>, msg: impl Into<String>) -> R<T> {
    Err(error(kind, span, msg))
}

/// The error itself, for code that builds it apart from returning it.
pub fn error(kind: ErrKind, span: Option<Span>, msg: impl Into<String>) -> Box<Error> {
    Box::new(Error { kind, msg: msg.into(), span, frames: Vec::new(), hint: None })
}

/// Adds a span to an error that has none.
pub trait AtSpan<T> {
    /// Sets the position if missing.
    fn at(self, span: Span) -> R<T>;
    /// Adds a trace frame.
    fn frame(self, span: Option<Span>, f: impl FnOnce() -> String) -> R<T>;
    /// Marks the error as coming from argument `i` of the builtin being called
    /// (the call wrapper names the builtin).
    fn arg(self, i: usize) -> R<T>;
}

/// Prefix of an argument-marker frame (see [`AtSpan::arg`]).
pub const ARG_MARKER: char = '\u{1}';

impl<T> AtSpan<T> for R<T> {
    #[inline]
    fn at(self, span: Span) -> R<T> {
        self.map_err(|mut e| {
            if e.span.is_none() {
                e.span = Some(span);
            }
            e
        })
    }

    #[inline]
    fn arg(self, i: usize) -> R<T> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => Err(mark_arg(e, i)),
        }
    }

    #[inline]
    fn frame(self, span: Option<Span>, f: impl FnOnce() -> String) -> R<T> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => Err(push_frame(e, span, f)),
        }
    }
}

// The error branches are out of line: inlined into the evaluator's
// recursive functions, their strings and vectors made every frame of the
// native stack bigger, on the path that succeeds too.

#[cold]
#[inline(never)]
fn mark_arg(mut e: Box<Error>, i: usize) -> Box<Error> {
    let ord = ["first", "second", "third", "fourth"].get(i).copied().unwrap_or("next");
    e.frames.push((None, format!("{ARG_MARKER}{ord}")));
    e
}

#[cold]
#[inline(never)]
fn push_frame(mut e: Box<Error>, span: Option<Span>, f: impl FnOnce() -> String) -> Box<Error> {
    if e.frames.len() < 1000 {
        e.frames.push((span, f()));
    }
    e
}

fn code_frame(out: &mut String, files: &Files, span: Span, indent: &str) {
    let Some(file) = files.get(span.file) else { return };
    let (line, col) = file.line_col(span.off);
    out.push_str(&format!("{indent}at {}:{}:{}:\n", file.display_name(), line, col));
    let lines: Vec<&str> = file.text.split('\n').collect();
    // Very long lines are shown as a window around the column.
    let (skip, col_shown) = if col > 120 { (col as usize - 60, 61) } else { (0, col as usize) };
    let show = |out: &mut String, n: usize| {
        if n >= 1 && n <= lines.len() {
            // Raw (non-UTF-8) bytes show as U+FFFD, as a terminal shows them.
            let text: String = lines[n - 1]
                .trim_end_matches('\r')
                .chars()
                .skip(skip)
                .take(160)
                .map(|c| if crate::bytes::raw_byte(c).is_some() { '\u{fffd}' } else { c })
                .collect();
            if text.is_empty() {
                out.push_str(&format!("{:>13}|\n", n));
            } else {
                out.push_str(&format!("{:>13}| {}\n", n, text));
            }
        }
    };
    let line = line as usize;
    show(out, line - 1);
    show(out, line);
    out.push_str(&format!("{:>13}| {}^\n", "", " ".repeat(col_shown - 1)));
    show(out, line + 1);
}

/// Renders an error as modern Nix prints it (`error:` …).
pub fn render(e: &Error, files: &Files, show_trace: bool) -> String {
    let mut out = String::from("error:");
    let frames: Vec<&(Option<Span>, String)> = if show_trace { e.frames.iter().rev().collect() } else { Vec::new() };
    if frames.is_empty() {
        out.push(' ');
        out.push_str(&e.msg.replace('\n', "\n       "));
        out.push('\n');
        if let Some(h) = &e.hint {
            out.push_str(&format!("       {h}\n"));
        }
        // Without the trace, the position is the error's own or, when a
        // builtin's error was moved to its call frame, the innermost frame's.
        if let Some(sp) = e.span.or_else(|| e.frames.iter().find_map(|f| f.0)) {
            code_frame(&mut out, files, sp, "       ");
        }
    } else {
        out.push('\n');
        for (sp, text) in &frames {
            out.push_str(&format!("       … {}\n", text.replace('\n', "\n         ")));
            if let Some(sp) = sp {
                code_frame(&mut out, files, *sp, "         ");
            }
            out.push('\n');
        }
        out.push_str(&format!("       error: {}\n", e.msg.replace('\n', "\n       ")));
        // Nix leaves out the position when the innermost frame already shows it.
        let innermost = frames.last().and_then(|f| f.0);
        if let Some(sp) = e.span.filter(|sp| Some(*sp) != innermost) {
            code_frame(&mut out, files, sp, "       ");
        }
        if let Some(h) = &e.hint {
            out.push_str(&format!("       {h}\n"));
        }
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Renders a warning that carries a position and trace frames (innermost
/// first) as Nix prints it: like an error, but headed `warning:` and indented
/// two more columns.
pub fn render_warning(msg: &str, span: Option<Span>, frames: Vec<(Option<Span>, String)>, files: &Files) -> String {
    let e = Error { kind: ErrKind::Throw, msg: msg.to_string(), span, frames, hint: None };
    let text = render(&e, files, true);
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            out.push_str(&line.replacen("error:", "warning:", 1));
        } else {
            out.push('\n');
            if !line.is_empty() {
                out.push_str("  ");
                match line.strip_prefix("       error: ") {
                    Some(rest) => out.push_str(&format!("       warning: {rest}")),
                    None => out.push_str(line),
                }
            }
        }
    }
    out
}
