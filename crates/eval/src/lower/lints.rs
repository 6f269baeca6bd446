//! The `lint-*` settings applied to literals while lowering, with current
//! Nix's messages (its parser's `diagnose` calls).

use super::{LResult, LowerError, Lowerer};
use crate::expr::Span;
use crate::lints::Diagnose;

impl Lowerer<'_> {
    /// A lint of level `level` for the literal at `sp`: nothing, a framed
    /// warning, or an error; the setting's name ends the message.
    fn lint(&mut self, level: Diagnose, setting: &str, sp: Span, msg: impl FnOnce(bool) -> String) -> LResult<()> {
        match level {
            Diagnose::Ignore => Ok(()),
            Diagnose::Warn => {
                let text = format!("{}{} ({setting})", crate::parse::FRAMED, msg(false));
                self.warnings.push((sp.off, text));
                Ok(())
            }
            Diagnose::Fatal => Err(LowerError::new(format!("{} ({setting})", msg(true)), sp)),
        }
    }

    /// `lint-url-literals` for the URL literal `url`.
    pub(super) fn lint_url(&mut self, url: &str, sp: Span) -> LResult<()> {
        self.lint(self.lints.url_literals, "lint-url-literals", sp, |fatal| {
            let how = if fatal { "disallowed" } else { "discouraged" };
            format!("URL literals are {how}. Consider using a string literal \"{url}\" instead")
        })
    }

    /// `lint-absolute-path-literals` and `lint-short-path-literals` for a
    /// path literal whose first segment is `first`.
    pub(super) fn lint_path(&mut self, first: &str, sp: Span) -> LResult<()> {
        let portable = |kind: &str| {
            format!(
                "{kind} path literals are not portable. Consider replacing path literal '{first}' by a string, relative path, or parameter"
            )
        };
        if first.starts_with('/') {
            self.lint(self.lints.absolute_path_literals, "lint-absolute-path-literals", sp, |_| portable("absolute"))
        } else if first.starts_with('~') {
            self.lint(self.lints.absolute_path_literals, "lint-absolute-path-literals", sp, |_| portable("home"))
        } else if !first.starts_with('.') {
            self.lint(self.lints.short_path_literals, "lint-short-path-literals", sp, |_| {
                format!("relative path literal '{first}' should be prefixed with '.' for clarity: './{first}'")
            })
        } else {
            Ok(())
        }
    }
}
