//! Brackets in Nix source, from rnix's tokens: which bracket matches the
//! one at the caret (the editor marks both), and which opening bracket or
//! string a file that ends too early left open (the error points there).
//! `${ … }` pairs like a bracket; a string's start pairs with its end.

use rnix::SyntaxKind::{self, *};

/// Whether `kind` opens a pair.
fn opens(kind: SyntaxKind) -> bool {
    matches!(kind, TOKEN_L_BRACE | TOKEN_L_BRACK | TOKEN_L_PAREN | TOKEN_INTERPOL_START | TOKEN_STRING_START)
}

/// Whether `kind` closes a pair.
fn closes(kind: SyntaxKind) -> bool {
    matches!(kind, TOKEN_R_BRACE | TOKEN_R_BRACK | TOKEN_R_PAREN | TOKEN_INTERPOL_END | TOKEN_STRING_END)
}

/// Whether `close` closes `open`.
fn pairs(open: SyntaxKind, close: SyntaxKind) -> bool {
    matches!(
        (open, close),
        (TOKEN_L_BRACE | TOKEN_INTERPOL_START, TOKEN_R_BRACE | TOKEN_INTERPOL_END)
            | (TOKEN_L_BRACK, TOKEN_R_BRACK)
            | (TOKEN_L_PAREN, TOKEN_R_PAREN)
            | (TOKEN_STRING_START, TOKEN_STRING_END)
    )
}

/// The tokens of `text` with their byte offsets.
fn tokens(text: &str) -> Vec<(SyntaxKind, usize, usize)> {
    let mut offset = 0;
    rnix::tokenize(text)
        .map(|(kind, token)| {
            offset += token.len();
            (kind, offset - token.len(), offset)
        })
        .collect()
}

/// The indices (among `rnix::tokenize(text)`'s tokens) of the bracket
/// next to byte offset `caret` (after it, else before it) and of its match.
pub fn matching(text: &str, caret: usize) -> Option<(usize, usize)> {
    let tokens = tokens(text);
    let pair = |(kind, ..): &(SyntaxKind, usize, usize)| {
        (opens(*kind) || closes(*kind)) && !matches!(kind, TOKEN_STRING_START | TOKEN_STRING_END)
    };
    let at = tokens
        .iter()
        .position(|t| t.1 == caret && pair(t))
        .or_else(|| tokens.iter().position(|t| t.2 == caret && pair(t)))?;
    let mut depth = 0i32;
    if opens(tokens[at].0) {
        for (i, (kind, ..)) in tokens.iter().enumerate().skip(at) {
            depth += i32::from(opens(*kind)) - i32::from(closes(*kind));
            if depth == 0 {
                return Some((at, i));
            }
        }
    } else {
        for i in (0..=at).rev() {
            let kind = tokens[i].0;
            depth += i32::from(closes(kind)) - i32::from(opens(kind));
            if depth == 0 {
                return Some((i, at));
            }
        }
    }
    None
}

/// The byte offset of the innermost bracket still open at byte `at`
/// (strings and `${` included).
pub fn open_at(text: &str, at: usize) -> Option<usize> {
    let mut stack = Vec::new();
    for (kind, start, _) in tokens(&text[..at]) {
        if opens(kind) {
            stack.push(start);
        } else if closes(kind) {
            stack.pop();
        }
    }
    stack.pop()
}

/// The indentation of the line holding byte `at`.
pub fn indent_at(text: &str, at: usize) -> &str {
    let (start, width) = indent(text, at);
    &text[start..start + width]
}

/// The byte offset of the opening bracket (or string start) that `text`
/// leaves open, if it ends with one open: an open string; else the first
/// bracket closed by one of another kind, or at a shallower indentation
/// than its own line (the closing bracket belonged to an outer one);
/// else the innermost bracket still open.
pub fn unclosed(text: &str) -> Option<usize> {
    let mut stack: Vec<(SyntaxKind, usize, usize)> = Vec::new();
    let mut suspect = None;
    for (kind, start, _) in tokens(text) {
        if opens(kind) {
            stack.push((kind, start, indent(text, start).1));
        } else if closes(kind) {
            let Some((open_kind, open, open_indent)) = stack.pop() else { continue };
            let (line_start, closer_indent) = indent(text, start);
            let dedented = line_start + closer_indent == start && closer_indent < open_indent;
            if suspect.is_none() && (dedented || !pairs(open_kind, kind)) {
                suspect = Some(open);
            }
        }
    }
    match stack.last()? {
        (TOKEN_STRING_START, start, _) => Some(*start),
        (_, start, _) => Some(suspect.unwrap_or(*start)),
    }
}

/// The start of the line holding byte `at`, and that line's indentation.
fn indent(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (start, text[start..].bytes().take_while(|b| *b == b' ' || *b == b'\t').count())
}

/// The 1-based line and byte column of byte offset `at` in `text`.
pub fn line_column(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bracket_at_the_caret_and_its_match() {
        let text = "{ a = [ 1 (2) ]; b = \"${x}\"; }";
        let tokens: Vec<&str> = rnix::tokenize(text).map(|(_, t)| t).collect();
        let show = |(a, b): (usize, usize)| (tokens[a], tokens[b]);
        assert_eq!(matching(text, 0).map(show), Some(("{", "}")));
        assert_eq!(matching(text, text.len()).map(show), Some(("{", "}")));
        assert_eq!(matching(text, 6).map(show), Some(("[", "]")));
        assert_eq!(matching(text, 13).map(show), Some(("(", ")")));
        assert_eq!(matching(text, 22).map(show), Some(("${", "}")));
        assert_eq!(matching(text, 3), None);
        assert_eq!(matching("{ [ }", 0), None);
    }

    #[test]
    fn an_open_bracket_is_found_by_its_indentation() {
        let text = "{\n  options = {\n    port = mkOption {\n  };\n  config = { };\n}\n";
        let at = unclosed(text).unwrap();
        assert_eq!(line_column(text, at), (3, 21));
        assert_eq!(unclosed("{ a = [ 1 2 ; }"), Some(6));
        assert_eq!(unclosed("{ a = 1; }"), None);
        let text = "{\n  a = ''\n    text\n  b = 1;\n}\n";
        assert_eq!(line_column(text, unclosed(text).unwrap()), (2, 7));
        assert_eq!(line_column("{ a = \"x; }", unclosed("{ a = \"x; }").unwrap()), (1, 7));
        assert_eq!(unclosed("(1 + 2"), Some(0));
    }

    #[test]
    fn the_bracket_open_at_a_place_and_its_indentation() {
        let text = "{\n  a = [\n    1\n";
        let at = open_at(text, text.len()).unwrap();
        assert_eq!(&text[at..at + 1], "[");
        assert_eq!(indent_at(text, at), "  ");
        assert_eq!(open_at("{ a = 1; }", 10), None);
    }

    #[test]
    fn lines_and_columns() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("ab\n", 3), (2, 1));
    }
}
