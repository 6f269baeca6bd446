//! Nix syntax highlighting from rnix's tokens: source text in, classed
//! pieces out (the editor renders each piece as a text node in a `<span>`).

use rnix::SyntaxKind::{self, *};

/// One highlighted piece of the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece<'a> {
    /// CSS class (`tok-keyword`, …), or "" for plain text.
    pub class: &'static str,
    /// The source text of the piece.
    pub text: &'a str,
    /// Whether the current error points into this piece.
    pub error: bool,
}

/// Splits `text` into highlighted pieces. `error_offset` (a byte offset)
/// marks the piece it falls in; at the end of the text it marks the last
/// non-blank piece.
pub fn highlight(text: &str, error_offset: Option<usize>) -> Vec<Piece<'_>> {
    let tokens: Vec<(SyntaxKind, &str)> = rnix::tokenize(text).collect();
    let mut pieces = Vec::with_capacity(tokens.len());
    let mut offset = 0;
    for (i, (kind, token)) in tokens.iter().enumerate() {
        let class = match kind {
            TOKEN_IDENT => ident_class(token, next_significant(&tokens[i + 1..])),
            kind => class_of(*kind),
        };
        let end = offset + token.len();
        let error = error_offset.is_some_and(|at| at >= offset && at < end);
        pieces.push(Piece { class, text: token, error });
        offset = end;
    }
    if let Some(at) = error_offset {
        if at >= offset {
            if let Some(last) = pieces.iter_mut().rev().find(|p| !p.text.trim().is_empty()) {
                last.error = true;
            }
        }
    }
    pieces
}

fn next_significant(rest: &[(SyntaxKind, &str)]) -> Option<SyntaxKind> {
    rest.iter().map(|(kind, _)| *kind).find(|kind| !matches!(kind, TOKEN_WHITESPACE | TOKEN_COMMENT))
}

fn ident_class(name: &str, next: Option<SyntaxKind>) -> &'static str {
    match (name, next) {
        ("true" | "false" | "null", _) => "tok-number",
        (_, Some(TOKEN_ASSIGN)) => "tok-attr",
        ("import" | "builtins" | "throw" | "abort" | "map" | "toString" | "derivation", _) => "tok-keyword",
        _ => "",
    }
}

fn class_of(kind: SyntaxKind) -> &'static str {
    match kind {
        TOKEN_ASSERT | TOKEN_ELSE | TOKEN_IF | TOKEN_IN | TOKEN_INHERIT | TOKEN_LET | TOKEN_OR | TOKEN_REC
        | TOKEN_THEN | TOKEN_WITH => "tok-keyword",
        TOKEN_COMMENT => "tok-comment",
        TOKEN_INTEGER | TOKEN_FLOAT => "tok-number",
        TOKEN_STRING_START | TOKEN_STRING_CONTENT | TOKEN_STRING_END | TOKEN_URI => "tok-string",
        TOKEN_INTERPOL_START | TOKEN_INTERPOL_END => "tok-op",
        TOKEN_PATH_ABS | TOKEN_PATH_HOME | TOKEN_PATH_REL | TOKEN_PATH_SEARCH => "tok-path",
        TOKEN_WHITESPACE | TOKEN_IDENT | TOKEN_ERROR => "",
        _ => "tok-op",
    }
}

/// The byte offset of 1-based `line` and `column` in `text`. Columns count
/// bytes, as Nix's do; the result is clamped to the end of the line and
/// moved back to a character boundary.
pub fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(nl) => start += nl + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..];
    let line_len = line_text.find('\n').unwrap_or(line_text.len());
    let mut col = (column.saturating_sub(1) as usize).min(line_len);
    while !line_text.is_char_boundary(col) {
        col -= 1;
    }
    start + col
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_the_text_and_class_keywords() {
        let text = "let x = \"a${b}\"; in x # c\n";
        let pieces = highlight(text, None);
        assert_eq!(pieces.iter().map(|p| p.text).collect::<String>(), text);
        assert_eq!(pieces[0], Piece { class: "tok-keyword", text: "let", error: false });
        assert!(pieces.iter().any(|p| p.class == "tok-attr" && p.text == "x"));
        assert!(pieces.iter().any(|p| p.class == "tok-comment" && p.text == "# c"));
    }

    #[test]
    fn error_marks_the_piece_at_its_offset() {
        let text = "{ a = ; }";
        let at = offset_of(text, 1, 7);
        assert_eq!(at, 6);
        let marked: Vec<_> = highlight(text, Some(at)).into_iter().filter(|p| p.error).collect();
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].text, ";");
    }

    #[test]
    fn offsets_of_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(offset_of(text, 2, 1), 3);
        assert_eq!(offset_of(text, 2, 5), 7);
        assert_eq!(offset_of(text, 2, 9), 7);
        assert_eq!(offset_of(text, 3, 1), 8);
        assert_eq!(offset_of(text, 9, 1), text.len());
    }
}
