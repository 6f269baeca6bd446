//! The generated programs: a tree of Nix source pieces, printed to text
//! and shrunk by the minimiser.
//!
//! The tree knows no Nix grammar: a node is verbatim text, a sequence of
//! text and sub-expressions, or a list of items between delimiters (list
//! items, bindings). That is all the minimiser needs: it replaces a node
//! by one of its sub-expressions or by a plain value, and drops items.

use std::fmt::Write;

/// A node of a generated program.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// Verbatim text: a literal, a name, a builtin.
    Atom(String),
    /// Text and sub-expressions in order, e.g. `(`, a, `) + (`, b, `)`;
    /// and whether it is an expression (not a binding or a formal, which
    /// the minimiser must not put where an expression goes).
    Form(Vec<Piece>, bool),
    /// Items between `open` and `close`, separated by `sep`: a list, the
    /// bindings of a set or a `let`. Items may be dropped down to `min`.
    Seq {
        /// Text before the first item.
        open: String,
        /// Text between items.
        sep: String,
        /// Text after the last item.
        close: String,
        /// The items.
        items: Vec<Expr>,
        /// How many items must stay.
        min: usize,
        /// Whether it is an expression (a list, a set), not the bindings
        /// of a `let` or the formals of a function.
        is_expr: bool,
    },
}

/// A piece of a [`Expr::Form`].
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Verbatim text.
    Text(String),
    /// A sub-expression.
    Sub(Expr),
}

/// Verbatim text.
pub fn atom(text: impl Into<String>) -> Expr {
    Expr::Atom(text.into())
}

/// A form from `texts` interleaved with `subs`: `texts` has one more item
/// than `subs` (`form(&["(", " + ", ")"], vec![a, b])` is `(a + b)`).
pub fn form(texts: &[&str], subs: Vec<Expr>) -> Expr {
    Expr::Form(pieces(texts, subs), true)
}

/// A form that is not an expression: a binding, a formal.
pub fn part(texts: &[&str], subs: Vec<Expr>) -> Expr {
    Expr::Form(pieces(texts, subs), false)
}

fn pieces(texts: &[&str], subs: Vec<Expr>) -> Vec<Piece> {
    assert_eq!(texts.len(), subs.len() + 1, "a form's texts surround its sub-expressions");
    let mut pieces = Vec::with_capacity(texts.len() + subs.len());
    for (text, sub) in texts.iter().zip(subs) {
        if !text.is_empty() {
            pieces.push(Piece::Text((*text).to_string()));
        }
        pieces.push(Piece::Sub(sub));
    }
    if let Some(last) = texts.last().filter(|t| !t.is_empty()) {
        pieces.push(Piece::Text((*last).to_string()));
    }
    pieces
}

/// A sequence of items that is an expression (see [`Expr::Seq`]).
pub fn seq(open: &str, sep: &str, close: &str, items: Vec<Expr>, min: usize) -> Expr {
    Expr::Seq { open: open.into(), sep: sep.into(), close: close.into(), items, min, is_expr: true }
}

/// A sequence of items that is not an expression: bindings, formals.
pub fn seq_part(open: &str, sep: &str, close: &str, items: Vec<Expr>, min: usize) -> Expr {
    Expr::Seq { open: open.into(), sep: sep.into(), close: close.into(), items, min, is_expr: false }
}

impl Expr {
    /// Whether this node is an expression (see [`Expr::Form`]).
    pub fn is_expr(&self) -> bool {
        match self {
            Expr::Atom(_) => true,
            Expr::Form(_, e) => *e,
            Expr::Seq { is_expr, .. } => *is_expr,
        }
    }

    /// The Nix source text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Expr::Atom(t) => out.push_str(t),
            Expr::Form(pieces, _) => {
                for p in pieces {
                    match p {
                        Piece::Text(t) => out.push_str(t),
                        Piece::Sub(e) => e.write(out),
                    }
                }
            }
            Expr::Seq { open, sep, close, items, .. } => {
                out.push_str(open);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sep);
                    }
                    item.write(out);
                }
                out.push_str(close);
            }
        }
    }

    /// The direct sub-expressions.
    pub fn children(&self) -> Box<dyn Iterator<Item = &Expr> + '_> {
        match self {
            Expr::Atom(_) => Box::new(std::iter::empty()),
            Expr::Form(pieces, _) => Box::new(pieces.iter().filter_map(|p| match p {
                Piece::Sub(e) => Some(e),
                Piece::Text(_) => None,
            })),
            Expr::Seq { items, .. } => Box::new(items.iter()),
        }
    }

    fn children_mut(&mut self) -> Vec<&mut Expr> {
        match self {
            Expr::Atom(_) => Vec::new(),
            Expr::Form(pieces, _) => pieces
                .iter_mut()
                .filter_map(|p| match p {
                    Piece::Sub(e) => Some(e),
                    Piece::Text(_) => None,
                })
                .collect(),
            Expr::Seq { items, .. } => items.iter_mut().collect(),
        }
    }

    /// The node at `path` (child indices from the root).
    pub fn at_mut(&mut self, path: &[usize]) -> Option<&mut Expr> {
        match path.split_first() {
            None => Some(self),
            Some((&i, rest)) => self.children_mut().into_iter().nth(i)?.at_mut(rest),
        }
    }

    /// The paths of every node, parents before children.
    pub fn paths(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new()];
        let mut i = 0;
        while i < out.len() {
            let path = out[i].clone();
            let node = self.at(&path).expect("a path just listed");
            for k in 0..node.children().count() {
                let mut child = path.clone();
                child.push(k);
                out.push(child);
            }
            i += 1;
        }
        out
    }

    /// The node at `path`.
    pub fn at(&self, path: &[usize]) -> Option<&Expr> {
        match path.split_first() {
            None => Some(self),
            Some((&i, rest)) => self.children().nth(i)?.at(rest),
        }
    }

    /// Smaller trees to put in this node's place: its sub-expressions and
    /// their sub-expressions, plain values, and itself less one item.
    pub fn shrinks(&self) -> Vec<Expr> {
        let mut out = Vec::new();
        if let Expr::Seq { items, min, .. } = self {
            if items.len() > *min {
                for i in 0..items.len() {
                    let mut fewer = self.clone();
                    if let Expr::Seq { items, .. } = &mut fewer {
                        items.remove(i);
                    }
                    out.push(fewer);
                }
            }
        }
        if !self.is_expr() {
            return out;
        }
        for child in self.children() {
            if child.is_expr() {
                out.push(child.clone());
            }
            for grandchild in child.children() {
                if grandchild.is_expr() {
                    out.push(grandchild.clone());
                }
            }
        }
        if !matches!(self, Expr::Atom(_)) {
            for plain in ["null", "0", "\"\"", "[ ]", "{ }", "true"] {
                out.push(atom(plain));
            }
        }
        out
    }
}

/// Writes `s` as a double-quoted Nix string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            c => {
                let _ = write!(out, "{c}");
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_sequences_print_their_pieces() {
        let e = form(&["(", " + ", ")"], vec![atom("1"), seq("[ ", " ", " ]", vec![atom("2"), atom("3")], 0)]);
        assert_eq!(e.text(), "(1 + [ 2 3 ])");
        assert_eq!(e.paths().len(), 5);
        assert_eq!(e.at(&[1, 0]), Some(&atom("2")));
    }

    #[test]
    fn shrinks_offer_children_and_shorter_sequences() {
        let e = seq("[ ", " ", " ]", vec![atom("1"), atom("2")], 1);
        let texts: Vec<String> = e.shrinks().iter().map(Expr::text).collect();
        assert!(texts.contains(&"[ 2 ]".to_string()));
        assert!(texts.contains(&"null".to_string()));
        assert_eq!(quote("a\"${b}\n"), "\"a\\\"\\${b}\\n\"");
    }
}
