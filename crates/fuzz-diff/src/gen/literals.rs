//! Literals: numbers at the edges, strings with escapes and unicode,
//! indented strings with escapes and odd indentation, paths.

use super::{Gen, Ty};
use crate::expr::{atom, form, part, quote, seq, Expr, Piece};

/// Integers, the edges included.
const INTS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "7",
    "10",
    "42",
    "255",
    "1000",
    "(-1)",
    "(-42)",
    "9223372036854775807",
    "(-9223372036854775807)",
    "4294967296",
    "65536",
];

/// Floats, the edges included.
const FLOATS: &[&str] = &[
    "0.0",
    "1.5",
    "(-2.5)",
    "1e10",
    "1.0e-5",
    ".5",
    "3.14159",
    "123456789.125",
    "1e300",
    "0.1",
    "2.0",
    "1.0e20",
    "(-0.0)",
    "100.0",
    "0.000001",
];

/// Texts of strings.
pub const TEXTS: &[&str] = &[
    "",
    "a",
    "abc",
    "hello world",
    "foo-1.2.3",
    "a-b-c",
    "1.0",
    "x.y.z",
    "héllo",
    "日本語",
    "😀 emoji",
    "tab\there",
    "line\nbreak",
    "quote\"d",
    "back\\slash",
    "dollar$",
    "${x}",
    "  spaced  ",
    "UPPER lower",
    "a,b,c",
    "1",
    "-1",
    "0.5",
    "true",
    "null",
    "/abs/path",
    "rel/path",
    "nixpkgs-unstable-2023",
    "2.0pre1",
    "1.2.3a",
    "a b c d",
    "aaa",
    "ab12cd",
    "key=value",
    "<tag>&amp;</tag>",
    "\r\n",
    "ß",
    "\u{7f}",
    "\u{10ffff}",
];

/// Regular expressions (POSIX extended) for `match` and `split`.
pub const REGEXES: &[&str] = &[
    "a",
    "(a)(b)?",
    "[0-9]+",
    ".*",
    "([a-z]+)-([0-9.]+)",
    "(.*)\\.(.*)",
    "",
    "x*",
    "[[:alpha:]]+",
    "a|b",
    "(a|b)*c",
    "([^,]*),?",
    "(h)(é)?",
    "[[:space:]]+",
    "(.)",
    "b",
    "[aeiou]",
];

/// Files under the fixtures folder the runner makes (see `oracle.rs`).
pub const PATHS: &[&str] = &[
    "./fixtures/a.txt",
    "./fixtures/dir",
    "./fixtures/dir/b.txt",
    "./fixtures/set.nix",
    "./fixtures/fun.nix",
    "./fixtures/missing",
    "/nonexistent/x.y",
    "./fixtures/../fixtures/a.txt",
    "./fixtures",
];

/// Lines of indented strings (no `''` or `${` of their own).
const LINES: &[&str] =
    &["a", "foo bar", "x = 1;", "$x", "'q", "  deeper", "tab\there", "é", "", "end", "a  b", "{ }", "# c", "\\n"];

impl Gen<'_> {
    /// A literal (or, for sets, lists and functions, a small constructed
    /// value) of type `ty`.
    pub fn literal(&mut self, ty: &Ty) -> Expr {
        match ty {
            Ty::Int => {
                if self.rng.chance(60) {
                    atom(format!("{}", self.rng.below(100)))
                } else {
                    atom(self.rng.pick(INTS))
                }
            }
            Ty::Float => atom(self.rng.pick(FLOATS)),
            Ty::Bool => atom(if self.rng.chance(50) { "true" } else { "false" }),
            Ty::Null => atom("null"),
            Ty::Str => self.string_literal(),
            Ty::Path => self.path_literal(),
            Ty::List(item) => {
                let n = self.rng.below(4);
                let items = (0..n).map(|_| self.leaf(item)).collect();
                seq("[ ", " ", " ]", items, 0)
            }
            Ty::Set(fields) => {
                let mut bindings: Vec<Expr> = fields
                    .iter()
                    .map(|(name, t)| {
                        let v = self.leaf(t);
                        part(&[&format!("{} = ", name_text(name)), ";"], vec![v])
                    })
                    .collect();
                if self.rng.chance(30) {
                    let v = self.leaf(&Ty::Int);
                    bindings.push(part(&["extra = ", ";"], vec![v]));
                }
                seq("{ ", " ", " }", bindings, 0)
            }
            Ty::Fun(arg, ret) => self.lambda(arg, ret),
            Ty::Any => {
                let t = self.data_type(1);
                self.literal(&t)
            }
        }
    }

    /// A string literal: double-quoted (escapes), indented, or with
    /// interpolations.
    pub fn string_literal(&mut self) -> Expr {
        match self.rng.below(10) {
            0 | 1 => self.indented_string(),
            2 if self.budget > 0 => {
                let inner = self.gen(&Ty::Str, 1);
                let (before, after) = (self.rng.pick(TEXTS), self.rng.pick(TEXTS));
                // A `$` just before `${` would make `$${`, which is no interpolation.
                let before = if before.ends_with('$') { "" } else { before };
                let quoted = quote(before);
                let open = format!("{}${{", &quoted[..quoted.len() - 1]);
                let close = format!("}}{}", &quote(after)[1..]);
                form(&[&open, &close], vec![inner])
            }
            _ => atom(quote(self.rng.pick(TEXTS))),
        }
    }

    /// An indented string: lines with assorted indentation, escapes
    /// (`''\n`, `'''`, `''$`, `''\ `), interpolations and a last line of
    /// spaces or not.
    pub fn indented_string(&mut self) -> Expr {
        let mut pieces = vec![Piece::Text(if self.rng.chance(70) { "''\n".into() } else { "''".into() })];
        let lines = 1 + self.rng.below(4);
        for _ in 0..lines {
            let mut line = " ".repeat(self.rng.pick(&[0, 1, 2, 2, 4, 4, 6]));
            for _ in 0..1 + self.rng.below(3) {
                match self.rng.below(9) {
                    0 => line.push_str("''\\n"),
                    1 => line.push_str("'''"),
                    2 => line.push_str("''$"),
                    3 => line.push_str("''\\ "),
                    4 => line.push_str("''\\t"),
                    5 if self.budget > 0 => {
                        pieces.push(Piece::Text(std::mem::take(&mut line) + "${"));
                        let inner = self.gen(&Ty::Str, 1);
                        pieces.push(Piece::Sub(inner));
                        line.push('}');
                    }
                    _ => line.push_str(self.rng.pick(LINES)),
                }
            }
            line.push('\n');
            pieces.push(Piece::Text(line));
        }
        let last = " ".repeat(self.rng.pick(&[0, 0, 2, 4]));
        let tail = if self.rng.chance(20) { "x''" } else { "''" };
        pieces.push(Piece::Text(last + tail));
        Expr::Form(pieces, true)
    }

    fn path_literal(&mut self) -> Expr {
        if self.rng.chance(10) && self.budget > 0 {
            let inner = self.gen(&Ty::Str, 1);
            return form(&["./fixtures/${", "}"], vec![inner]);
        }
        atom(self.rng.pick(PATHS))
    }
}

/// An attribute name as written in a binding or a selection: bare when it
/// is an identifier, quoted otherwise.
pub fn name_text(name: &str) -> String {
    let ident = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '\'' | '-'))
        && !matches!(name, "if" | "then" | "else" | "let" | "in" | "rec" | "with" | "inherit" | "assert" | "or");
    if ident {
        name.to_string()
    } else {
        quote(name)
    }
}
