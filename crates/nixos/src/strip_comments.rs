//! Blanking comment-only lines of Nix source, for the browser build of the
//! embedded tree (`build.rs` includes this file): a line whose only text is
//! comments becomes empty. Every other line keeps its bytes and the line
//! count is unchanged, so error positions and `unsafeGetAttrPos` stay those
//! of the full source. Strings are found by rnix's tokenizer, so a `#` inside
//! a string is never taken for a comment.

/// `source` with every comment that stands alone on its lines removed
/// together with those lines' indentation and trailing blanks; the newlines
/// stay. A comment that shares a line with code is kept whole.
pub fn strip_comment_lines(source: &str) -> String {
    let bytes = source.as_bytes();
    let mut drop = vec![false; bytes.len()];
    let mut offset = 0;
    for (kind, text) in rnix::tokenize(source) {
        let (start, end) = (offset, offset + text.len());
        offset = end;
        if kind != rnix::SyntaxKind::TOKEN_COMMENT {
            continue;
        }
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[end..].find('\n').map_or(bytes.len(), |i| end + i);
        let blank = |range: &str| range.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        if blank(&source[line_start..start]) && blank(&source[end..line_end]) {
            for i in line_start..line_end {
                drop[i] = bytes[i] != b'\n';
            }
        }
    }
    if offset != bytes.len() {
        return source.to_owned(); // the tokens did not cover the text: keep it as it is
    }
    let kept: Vec<u8> = bytes.iter().zip(&drop).filter(|(_, &d)| !d).map(|(&b, _)| b).collect();
    String::from_utf8(kept).unwrap_or_else(|_| source.to_owned())
}

#[cfg(test)]
mod tests {
    use super::strip_comment_lines;

    #[test]
    fn blanks_comment_only_lines_and_keeps_the_rest() {
        let source = "{\n  # a comment\n  a = 1; # kept\n  /* block\n     more */\n  b = \"# not a comment\";\n  c = ''\n    # text\n  '';\n}\n";
        let expected = "{\n\n  a = 1; # kept\n\n\n  b = \"# not a comment\";\n  c = ''\n    # text\n  '';\n}\n";
        assert_eq!(strip_comment_lines(source), expected);
    }

    #[test]
    fn keeps_a_block_comment_that_ends_before_code() {
        let source = "/* one\n   two */ x\n";
        assert_eq!(strip_comment_lines(source), source);
    }

    #[test]
    fn every_embedded_file_keeps_its_lines_and_still_parses() {
        for (path, bytes) in crate::embedded::files() {
            let Ok(source) = std::str::from_utf8(bytes) else { continue };
            if !path.ends_with(".nix") {
                continue;
            }
            let stripped = strip_comment_lines(source);
            assert_eq!(stripped.lines().count(), source.lines().count(), "{path}");
            for (new, old) in stripped.lines().zip(source.lines()) {
                assert!(new.is_empty() || new == old, "{path}: {old:?} became {new:?}");
            }
            assert!(rnix::Root::parse(&stripped).errors().is_empty(), "{path} no longer parses");
        }
    }
}
