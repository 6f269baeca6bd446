//! Indented strings (`''…''`): escapes and indentation stripping as
//! current Nix's parser does them.
//!
//! Nix's lexer cuts the body into plain text (which has indentation) and
//! escapes (`'''`, `''$`, `''\X`, which have none); the parser then finds
//! the smallest indentation, counting only spaces of plain text at the
//! start of a line (an escape or an interpolation ends that run, a line of
//! spaces only is ignored), and drops that many spaces from the start of
//! each line, now reading escapes as the text they stand for: after an
//! escaped newline (`''\n`) a line starts again. The last piece, if it is
//! text, loses a final line made of spaces only.

use rnix::ast::{self, AstToken, InterpolPart};

/// A piece of an indented string's body, as Nix's lexer and parser see it.
enum Piece {
    /// Text, with whether it counts for the indentation (plain text) or
    /// not (an escape, already unescaped).
    Text(String, bool),
    /// An interpolation.
    Interp(ast::Interpol),
}

/// The literal text and interpolations of an indented string, escapes
/// read and indentation stripped, a part for each of Nix's tokens.
pub fn parts(s: &ast::Str) -> Vec<InterpolPart<String>> {
    let mut pieces = Vec::new();
    for (i, part) in s.parts().enumerate() {
        match part {
            InterpolPart::Literal(lit) => {
                let mut raw = lit.syntax().text();
                // The opening `''` takes spaces and a newline that follow it.
                if i == 0 {
                    let spaces = raw.len() - raw.trim_start_matches(' ').len();
                    if raw[spaces..].starts_with('\n') {
                        raw = &raw[spaces + 1..];
                    }
                }
                split(raw, &mut pieces);
            }
            InterpolPart::Interpolation(e) => pieces.push(Piece::Interp(e)),
        }
    }
    strip(pieces)
}

/// Cuts raw body text into plain text and escapes.
fn split(raw: &str, out: &mut Vec<Piece>) {
    let mut text = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        // Nix's lexer makes a token of its own of a `$` before `'` (or at
        // the end) and of a `'` before `$`; they count as no indentation.
        let alone = matches!((c, chars.peek()), ('$', None | Some('\'')) | ('\'', Some('$')));
        if alone {
            if !text.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut text), true));
            }
            out.push(Piece::Text(c.to_string(), false));
            continue;
        }
        if c != '\'' || chars.peek() != Some(&'\'') {
            text.push(c);
            continue;
        }
        chars.next();
        let escaped = match chars.next() {
            Some('\'') => "''".to_string(),
            Some('$') => "$".to_string(),
            Some('\\') => match chars.next() {
                Some('n') => "\n".to_string(),
                Some('r') => "\r".to_string(),
                Some('t') => "\t".to_string(),
                Some(other) => other.to_string(),
                None => String::new(),
            },
            // Not an escape (the tokenizer ends the string at `''`
            // otherwise): keep the text as it is.
            Some(other) => format!("''{other}"),
            None => "''".to_string(),
        };
        if !text.is_empty() {
            out.push(Piece::Text(std::mem::take(&mut text), true));
        }
        out.push(Piece::Text(escaped, false));
    }
    if !text.is_empty() {
        out.push(Piece::Text(text, true));
    }
}

/// The smallest indentation of the lines (Nix's first pass).
fn min_indent(pieces: &[Piece]) -> usize {
    let (mut at_start, mut min, mut cur) = (true, usize::MAX, 0);
    for piece in pieces {
        match piece {
            Piece::Text(t, true) => {
                for c in t.chars() {
                    if at_start {
                        match c {
                            ' ' => cur += 1,
                            '\n' => cur = 0,
                            _ => {
                                at_start = false;
                                min = min.min(cur);
                            }
                        }
                    } else if c == '\n' {
                        at_start = true;
                        cur = 0;
                    }
                }
            }
            _ => {
                if at_start {
                    at_start = false;
                    min = min.min(cur);
                }
            }
        }
    }
    min
}

/// Drops the indentation (Nix's second pass).
fn strip(pieces: Vec<Piece>) -> Vec<InterpolPart<String>> {
    let min = min_indent(&pieces);
    let count = pieces.len();
    let mut out: Vec<InterpolPart<String>> = Vec::new();
    let (mut at_start, mut dropped) = (true, 0usize);
    for (i, piece) in pieces.into_iter().enumerate() {
        let t = match piece {
            Piece::Interp(e) => {
                at_start = false;
                dropped = 0;
                out.push(InterpolPart::Interpolation(e));
                continue;
            }
            Piece::Text(t, _) => t,
        };
        let mut kept = String::with_capacity(t.len());
        for c in t.chars() {
            if at_start {
                match c {
                    ' ' => {
                        if dropped >= min {
                            kept.push(c);
                        }
                        dropped += 1;
                    }
                    '\n' => {
                        dropped = 0;
                        kept.push(c);
                    }
                    _ => {
                        at_start = false;
                        dropped = 0;
                        kept.push(c);
                    }
                }
            } else {
                kept.push(c);
                at_start = c == '\n';
            }
        }
        if i + 1 == count {
            if let Some(p) = kept.rfind('\n') {
                if kept[p + 1..].bytes().all(|b| b == b' ') {
                    kept.truncate(p + 1);
                }
            }
        }
        // One part per piece, as Nix keeps one string per token (shown so
        // in errors: `("a" + "$" + "b")`); empty ones are dropped.
        if !kept.is_empty() {
            out.push(InterpolPart::Literal(kept));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use rnix::ast::{self, InterpolPart};

    fn literal(src: &str) -> String {
        let root = rnix::Root::parse(src).tree();
        let Some(ast::Expr::Str(s)) = root.expr() else { panic!("not a string: {src}") };
        super::parts(&s)
            .into_iter()
            .map(|p| match p {
                InterpolPart::Literal(t) => t,
                InterpolPart::Interpolation(_) => "${…}".to_string(),
            })
            .collect()
    }

    #[test]
    fn each_token_is_a_part() {
        let root = rnix::Root::parse("''a$''$b'$${x}''").tree();
        let Some(ast::Expr::Str(s)) = root.expr() else { panic!("not a string") };
        let parts: Vec<String> = super::parts(&s)
            .into_iter()
            .map(|p| match p {
                InterpolPart::Literal(t) => t,
                InterpolPart::Interpolation(_) => "${…}".to_string(),
            })
            .collect();
        // `$${` is text, as in Nix's lexer, not an interpolation.
        assert_eq!(parts, ["a", "$", "$", "b", "'", "$${x}"]);
    }

    #[test]
    fn strips_the_smallest_indentation() {
        assert_eq!(literal("''\n    a\n  b\n  ''"), "  a\nb\n");
        assert_eq!(literal("''  \n  a\n\n   b''"), "a\n\n b");
        assert_eq!(literal("''''"), "");
    }

    #[test]
    fn a_line_starts_again_after_an_escaped_newline() {
        assert_eq!(literal("''\n  a''\\n  b\n''"), "a\nb\n");
        assert_eq!(literal("''\n    a\n  ''\\n''\\   b\n''"), "  a\n\n b\n");
    }

    #[test]
    fn escapes_and_interpolations_end_the_indentation() {
        assert_eq!(literal("''\n    ''$a\n  b''"), "  $a\nb");
        assert_eq!(literal("''\n  ${x}\n    b''"), "${…}\n  b");
        assert_eq!(literal("''a'''b''\\tc''"), "a''b\tc");
    }
}
