//! The Value tab's text: a value as `nix-instantiate --eval` prints it (one
//! line), laid out over several lines, a set or list broken up only when
//! it does not fit in [`WIDTH`] columns. Text that is not such a value is
//! left as it is.

/// The widest line a set or a list is kept on.
pub const WIDTH: usize = 72;

/// A printed value: a set, a list, or anything else as its text.
enum Node<'a> {
    Atom(&'a str),
    Set(Vec<(&'a str, Node<'a>)>),
    List(Vec<Node<'a>>),
}

/// `text` laid out, or `text` itself if it is not a printed value.
pub fn pretty(text: &str) -> String {
    let tokens = tokens(text);
    let mut at = 0;
    match value(&tokens, &mut at) {
        Some(node) if at == tokens.len() => {
            let mut out = String::new();
            layout(&node, 0, &mut out);
            out
        }
        _ => text.to_owned(),
    }
}

/// Strings (with their quotes), brackets, `=`, `;` and other words.
fn tokens(text: &str) -> Vec<&str> {
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
        out.push(&text[start..i]);
    }
    out
}

fn value<'a>(tokens: &[&'a str], at: &mut usize) -> Option<Node<'a>> {
    let token = *tokens.get(*at)?;
    *at += 1;
    match token {
        "{" => {
            let mut entries = Vec::new();
            while *tokens.get(*at)? != "}" {
                let key = tokens[*at];
                (tokens.get(*at + 1) == Some(&"=")).then_some(())?;
                *at += 2;
                let node = value(tokens, at)?;
                (tokens.get(*at) == Some(&";")).then_some(())?;
                *at += 1;
                entries.push((key, node));
            }
            *at += 1;
            Some(Node::Set(entries))
        }
        "[" => {
            let mut items = Vec::new();
            while *tokens.get(*at)? != "]" {
                items.push(value(tokens, at)?);
            }
            *at += 1;
            Some(Node::List(items))
        }
        "}" | "]" | ";" | "=" => None,
        atom => Some(Node::Atom(atom)),
    }
}

/// The node on one line, as Nix prints it.
fn flat(node: &Node, out: &mut String) {
    match node {
        Node::Atom(text) => out.push_str(text),
        Node::Set(entries) => {
            out.push('{');
            for (key, value) in entries {
                out.push(' ');
                out.push_str(key);
                out.push_str(" = ");
                flat(value, out);
                out.push(';');
            }
            out.push_str(" }");
        }
        Node::List(items) => {
            out.push('[');
            for item in items {
                out.push(' ');
                flat(item, out);
            }
            out.push_str(" ]");
        }
    }
}

/// The node at indentation `depth`, on one line if it fits.
fn layout(node: &Node, depth: usize, out: &mut String) {
    let mut line = String::new();
    flat(node, &mut line);
    let column = out.len() - out.rfind('\n').map_or(0, |i| i + 1);
    if column + line.chars().count() <= WIDTH {
        out.push_str(&line);
        return;
    }
    let pad = "  ".repeat(depth + 1);
    match node {
        Node::Atom(text) => out.push_str(text),
        Node::Set(entries) => {
            out.push('{');
            for (key, value) in entries {
                out.push('\n');
                out.push_str(&pad);
                out.push_str(key);
                out.push_str(" = ");
                layout(value, depth + 1, out);
                out.push(';');
            }
            out.push('\n');
            out.push_str(&pad[2..]);
            out.push('}');
        }
        Node::List(items) => {
            out.push('[');
            for item in items {
                out.push('\n');
                out.push_str(&pad);
                layout(item, depth + 1, out);
            }
            out.push('\n');
            out.push_str(&pad[2..]);
            out.push(']');
        }
    }
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
        let text = "{ apps = { x86_64-linux = { default = \"app: /nix/store/abc-web-server/bin/web-server\"; }; }; \"a b\" = [ 1 \"}\" ]; }";
        let want = "{\n  apps = {\n    x86_64-linux = {\n      default = \"app: /nix/store/abc-web-server/bin/web-server\";\n    };\n  };\n  \"a b\" = [ 1 \"}\" ];\n}";
        assert_eq!(pretty(text), want);
        assert_eq!(pretty("{ a = ; }"), "{ a = ; }");
    }
}
