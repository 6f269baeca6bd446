//! Parsing with rnix, guarded against absurd nesting, then lowering.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use rnix::{SyntaxKind, TextRange};

use crate::expr::Expr;
use crate::lower::Lowerer;

/// Maximum nesting depth of brackets and syntax-tree levels accepted.
pub const MAX_NESTING: usize = 3000;

fn globals() -> &'static HashMap<&'static str, u32> {
    static G: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    G.get_or_init(|| crate::builtins::global_names().iter().enumerate().map(|(i, n)| (*n, i as u32)).collect())
}

fn token_name(kind: SyntaxKind, text: &str) -> String {
    use SyntaxKind::*;
    match kind {
        TOKEN_IDENT => "identifier".into(),
        TOKEN_INTEGER => "integer".into(),
        TOKEN_FLOAT => "floating-point number".into(),
        TOKEN_STRING_START | TOKEN_STRING_END => "'\"'".into(),
        _ if text.is_empty() => "end of file".into(),
        _ => format!("'{text}'"),
    }
}

/// Why a file does not parse or lower: the message, its byte offset and, for
/// a duplicate attribute, the offset of the first definition (the caller
/// names that place, since only it knows the file's name).
#[derive(Debug)]
pub struct ParseFailure {
    /// The message.
    pub msg: String,
    /// Where, as a byte offset into the file.
    pub off: u32,
    /// Where the duplicated attribute was first defined.
    pub prev: Option<u32>,
}

impl From<(String, u32)> for ParseFailure {
    fn from((msg, off): (String, u32)) -> ParseFailure {
        ParseFailure { msg, off, prev: None }
    }
}

/// A lowered file and the warnings its parse gave (byte offset, text).
pub type Lowered = (Rc<Expr>, Vec<(u32, String)>);

/// The directory relative path literals of the file `name` are based on:
/// its folder if `name` is absolute, else `cwd` (for `«string»` and the like).
pub fn file_dir(name: &str, cwd: &str) -> String {
    match name.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) if name.starts_with('/') => name[..i].to_string(),
        _ => cwd.to_string(),
    }
}

/// Marks a parse warning shown as Nix's `logWarning` shows a lint's: the
/// message, then where, with the code (`error::render_warning`), rather
/// than `warning: at FILE:LINE:COL: …`.
pub const FRAMED: char = '\u{1}';

/// Parses and lowers `text` of file `file` whose directory is `dir`, with
/// the `lint-*` settings `lints`.
pub fn parse_and_lower(
    text: &str,
    file: u32,
    dir: &str,
    scoped: bool,
    lints: crate::lints::Lints,
) -> Result<Lowered, ParseFailure> {
    // Nix reads `\r\n` as a line break; rnix does not. Same length keeps offsets.
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", " \n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    // Bracket nesting pre-check, so the recursive-descent parser never runs deep.
    // Every opening token (`(`, `[`, `{`, `${`) holds one of these bytes, so a
    // file with few of them cannot nest deeply and needs no tokenizing here.
    let openings = count_openings(text.as_bytes());
    let mut depth = 0usize;
    let mut off = 0u32;
    let tokens = if openings > MAX_NESTING { Some(rnix::tokenize(text)) } else { None };
    for tok in tokens.into_iter().flatten() {
        use SyntaxKind::*;
        match tok.0 {
            TOKEN_L_PAREN | TOKEN_L_BRACK | TOKEN_L_BRACE | TOKEN_INTERPOL_START => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(("expression nested too deeply (more than 3000 levels)".to_string(), off).into());
                }
            }
            TOKEN_R_PAREN | TOKEN_R_BRACK | TOKEN_R_BRACE | TOKEN_INTERPOL_END => depth = depth.saturating_sub(1),
            _ => {}
        }
        off += tok.1.len() as u32;
    }
    let parse = rnix::Root::parse(text);
    if let Some(e) = parse.errors().first() {
        let (msg, off) = parse_error_message(e, text);
        return Err(match trailing_slash(text) {
            Some(at) if at.0 <= off => ("path has a trailing slash".to_string(), at.1),
            _ => (msg, off),
        }
        .into());
    }
    let root = parse.tree();
    // Syntax-tree depth check (iterative), e.g. for `1+1+1+…`.
    if let Some(off) = too_deep(rowan::ast::AstNode::syntax(&root).green()) {
        return Err(("expression nested too deeply (more than 3000 levels)".to_string(), off).into());
    }
    let mut l = Lowerer::new(file, dir, globals());
    l.set_scoped(scoped);
    l.set_lints(lints);
    match l.lower_root(&root) {
        Ok(e) => Ok((Rc::new(e), std::mem::take(&mut l.warnings))),
        Err(e) => Err(ParseFailure { msg: e.msg, off: e.span.off, prev: e.prev.map(|p| p.off) }),
    }
}

/// How many `(`, `[` and `{` bytes `text` holds: counted per 128-byte chunk
/// in a byte-sized counter, which the compiler turns into vector code.
fn count_openings(text: &[u8]) -> usize {
    text.chunks(128)
        .map(|chunk| {
            let mut n = 0u8;
            for &b in chunk {
                n += u8::from(b == b'(') | u8::from(b == b'[') | u8::from(b == b'{');
            }
            usize::from(n)
        })
        .sum()
}

/// The start of the first node (in document order) nested more than
/// [`MAX_NESTING`] levels deep, walking the green tree (no cursor nodes are
/// allocated) with an explicit stack.
fn too_deep(root: &rowan::GreenNodeData) -> Option<u32> {
    // Each entry: the children still to visit and the offset of the next one.
    let mut stack: Vec<(rowan::Children<'_>, u32)> = vec![(root.children(), 0)];
    while let Some((children, off)) = stack.last_mut() {
        match children.next() {
            Some(rowan::NodeOrToken::Node(n)) => {
                let start = *off;
                *off += u32::from(n.text_len());
                // The root is level 1, so this node is level `stack.len() + 1`.
                if stack.len() + 1 > MAX_NESTING {
                    return Some(start);
                }
                stack.push((n.children(), start));
            }
            Some(rowan::NodeOrToken::Token(t)) => *off += u32::from(t.text_len()),
            None => {
                stack.pop();
            }
        }
    }
    None
}

/// The first path literal ending in `/` (rnix makes its last segment an
/// error token): the segment's start and where Nix reports it, at the
/// character after the slash, or at the segment itself when the file ends
/// there.
fn trailing_slash(text: &str) -> Option<(u32, u32)> {
    let mut off = 0u32;
    for (kind, t) in rnix::tokenize(text) {
        let start = off;
        off += t.len() as u32;
        let path_like = t.starts_with(['/', '.', '~']) || t.contains('/');
        if kind == SyntaxKind::TOKEN_ERROR && path_like && t.ends_with('/') && !t.contains("//") {
            let at = if off as usize == text.len() { start } else { off };
            return Some((start, at));
        }
    }
    None
}

fn range_text(text: &str, r: &TextRange) -> String {
    text.get(usize::from(r.start())..usize::from(r.end())).unwrap_or("").to_string()
}

/// The text of the first token of `text` that is not whitespace or a comment.
fn first_token(text: &str) -> String {
    rnix::tokenize(text)
        .into_iter()
        .find(|(kind, _)| !matches!(kind, SyntaxKind::TOKEN_WHITESPACE | SyntaxKind::TOKEN_COMMENT))
        .map(|(_, t)| t.to_string())
        .unwrap_or_default()
}

/// `, expecting …` where rnix's expectation is one Nix's parser states the
/// same way (a missing `;`, `then`, `else`, or `=` after an attribute path);
/// nothing otherwise, as Nix says nothing when it expects many tokens.
fn expecting(wanted: &[SyntaxKind]) -> &'static str {
    use SyntaxKind::*;
    match wanted {
        [TOKEN_SEMICOLON] => ", expecting ';'",
        [TOKEN_THEN] => ", expecting 'then'",
        [TOKEN_ELSE] => ", expecting 'else'",
        [TOKEN_ASSIGN] => ", expecting '.' or '='",
        _ => "",
    }
}

fn parse_error_message(e: &rnix::ParseError, text: &str) -> (String, u32) {
    use rnix::ParseError as P;
    let end = text.len() as u32;
    match e {
        P::Unexpected(r) | P::UnexpectedExtra(r) | P::UnexpectedDoubleBind(r) => {
            let t = range_text(text, r);
            let t = t.split_whitespace().next().unwrap_or("").to_string();
            let what = if t.is_empty() { "end of file".to_string() } else { format!("'{t}'") };
            (format!("syntax error, unexpected {what}"), u32::from(r.start()))
        }
        P::UnexpectedWanted(kind, r, wanted) => {
            // rnix's range can run past the token: name the first one only.
            let t = first_token(&range_text(text, r));
            let expecting = expecting(wanted);
            (format!("syntax error, unexpected {}{expecting}", token_name(*kind, &t)), u32::from(r.start()))
        }
        P::UnexpectedEOFWanted(wanted) => (format!("syntax error, unexpected end of file{}", expecting(wanted)), end),
        P::UnexpectedEOF => ("syntax error, unexpected end of file".into(), end),
        P::DuplicatedArgs(r, name) => (format!("duplicate formal function argument '{name}'"), u32::from(r.start())),
        P::RecursionLimitExceeded => ("expression nested too deeply".into(), 0),
        _ => ("syntax error".into(), 0),
    }
}
