//! Nix's "cursed `or`": for compatibility, `f or` (a simple expression
//! followed by the keyword `or`) is a call of `f` with the variable `or`.
//! Current Nix warns where that reading will change: when such a call is an
//! argument of another call, a list element, or the default of a select.

use rnix::{ast, SyntaxKind};
use rowan::ast::AstNode;

use super::Lowerer;

impl Lowerer<'_> {
    /// Records Nix's warning if the call `apply` is a cursed use of `or`.
    pub(super) fn check_cursed_or(&mut self, apply: &ast::Apply) {
        let Some(arg) = apply.argument() else { return };
        if !matches!(&arg, ast::Expr::Ident(id) if id.syntax().text() == "or") {
            return;
        }
        let node = apply.syntax();
        let Some(parent) = node.parent() else { return };
        let cursed = match parent.kind() {
            SyntaxKind::NODE_LIST => true,
            // The argument of a call, not its function.
            SyntaxKind::NODE_APPLY => parent.first_child().as_ref() != Some(node),
            // The default after `or` in `e.a or default`.
            SyntaxKind::NODE_SELECT => skip_ws_back(node) == Some(SyntaxKind::TOKEN_OR),
            _ => false,
        };
        if !cursed {
            return;
        }
        let Some(function) = apply.lambda() else { return };
        let text = format!(
            "This expression uses `or` as an identifier in a way that will change in a future Nix release.\n\
             Wrap this entire expression in parentheses to preserve its current meaning:\n    ({} or)\n\
             Give feedback at https://github.com/NixOS/nix/pull/11121",
            function.syntax().text()
        );
        self.warnings.push((u32::from(node.text_range().start()), text));
    }
}

/// The kind of the nearest token before `node` that is not whitespace or a comment.
fn skip_ws_back(node: &rnix::SyntaxNode) -> Option<SyntaxKind> {
    let mut el = node.prev_sibling_or_token();
    while let Some(e) = el {
        match e.kind() {
            SyntaxKind::TOKEN_WHITESPACE | SyntaxKind::TOKEN_COMMENT => el = e.prev_sibling_or_token(),
            k => return Some(k),
        }
    }
    None
}
