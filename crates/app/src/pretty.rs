//! The Value tab's text: a value as `nix-instantiate --eval` prints it (one
//! line), laid out over several lines, a set or list broken up only when
//! it does not fit in [`WIDTH`] columns. Text that is not such a value is
//! left as it is.

/// The widest line a set or a list is kept on.
pub const WIDTH: usize = 72;

/// `text` laid out, or `text` itself if its brackets do not pair up.
pub fn pretty(text: &str) -> String {
    let tokens = tokens(text);
    let mut depth = 0i32;
    for (start, end) in &tokens {
        match &text[*start..*end] {
            "{" | "[" => depth += 1,
            "}" | "]" => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return text.to_owned();
        }
    }
    if depth != 0 {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut at = 0;
    while at < tokens.len() {
        at = item(text, &tokens, at, 0, &mut out);
    }
    out
}

/// Lays out the token at `at` (a whole set or list when it opens one) at
/// indentation `depth`; returns the index after it. A set or a list that
/// fits is Nix's own text; one that does not has an entry or element per line.
fn item(text: &str, tokens: &[(usize, usize)], at: usize, depth: usize, out: &mut String) -> usize {
    let open = &text[tokens[at].0..tokens[at].1];
    if open != "{" && open != "[" {
        out.push_str(open);
        return at + 1;
    }
    let close = closing(text, tokens, at);
    let column = out.len() - out.rfind('\n').map_or(0, |i| i + 1);
    let whole = &text[tokens[at].0..tokens[close].1];
    if column + whole.chars().count() <= WIDTH {
        out.push_str(whole);
        return close + 1;
    }
    let pad = "  ".repeat(depth + 1);
    out.push_str(open);
    let mut next = at + 1;
    let mut line_start = true;
    while next < close {
        if line_start {
            out.push('\n');
            out.push_str(&pad);
        } else if &text[tokens[next].0..tokens[next].1] != ";" {
            out.push(' ');
        }
        next = item(text, tokens, next, depth + 1, out);
        // A set's entry ends at its `;`; a list's element at itself.
        line_start = open == "[" || out.ends_with(';');
    }
    out.push('\n');
    out.push_str(&pad[2..]);
    out.push_str(&text[tokens[close].0..tokens[close].1]);
    close + 1
}

/// The index of the token closing the bracket at `at`.
fn closing(text: &str, tokens: &[(usize, usize)], at: usize) -> usize {
    let mut depth = 0;
    for (i, (start, end)) in tokens.iter().enumerate().skip(at) {
        match &text[*start..*end] {
            "{" | "[" => depth += 1,
            "}" | "]" => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    tokens.len() - 1
}

/// The (start, end) byte offsets of strings (with their quotes), brackets,
/// `;` and other words.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let (mut out, mut i) = (Vec::new(), 0);
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b' ' | b'\n' => {
                i += 1;
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
            }
            b'{' | b'}' | b'[' | b']' | b';' => i += 1,
            _ => {
                while i < bytes.len() && !b" \n{}[];\"".contains(&bytes[i]) {
                    i += 1;
                }
            }
        }
        out.push((start, i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pretty;

    #[test]
    fn short_values_stay_on_one_line() {
        for text in ["{ a = 3; }", "[ ]", "{ }", "{ list = [ 1 2 ]; shared = \"yes\"; }", "42", "\"a { b\""] {
            assert_eq!(pretty(text), text);
        }
    }

    #[test]
    fn long_values_are_broken_up() {
        let long = "[ \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\" \"ccccccccccccccc\" ]";
        assert_eq!(
            pretty(long),
            "[\n  \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n  \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"\n  \"ccccccccccccccc\"\n]"
        );
        let text = "{ apps = { x86_64-linux = { default = \"app: /nix/store/abc-web-server/bin/web-server\"; }; }; \"a b\" = [ 1 \"}\" ]; }";
        let want = "{\n  apps = {\n    x86_64-linux = {\n      default = \"app: /nix/store/abc-web-server/bin/web-server\";\n    };\n  };\n  \"a b\" = [ 1 \"}\" ];\n}";
        assert_eq!(pretty(text), want);
        assert_eq!(pretty("{ a = [ 1 }"), "{ a = [ 1 }");
    }
}
