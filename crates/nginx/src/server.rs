//! Which `server` block answers: the servers listening on the connection's
//! address and port, then the `Host` name against their `server_name`s in
//! nginx's order of precedence (exact name, longest wildcard starting with
//! `*`, longest wildcard ending with `*`, first regular expression in
//! order of appearance), else the default server of that address and port
//! (`default_server`, or the first server listening there).

use regex_lite::Regex;

use crate::conf::Directive;
use crate::listen::Listen;

/// One `server` block of the http block.
#[derive(Debug)]
pub struct Server<'a> {
    /// The block.
    pub directive: &'a Directive,
    /// Its listens (the implied `*:80` when it has none).
    pub listens: Vec<Listen>,
    /// Its names, lowercase, in order (`""` when it has no `server_name`).
    pub names: Vec<String>,
    /// The line of each `server_name` directive.
    pub name_lines: Vec<usize>,
}

impl<'a> Server<'a> {
    /// Reads a `server` block.
    pub fn new(directive: &'a Directive) -> Server<'a> {
        let listens: Vec<Listen> =
            directive.children().iter().filter(|d| d.name == "listen").filter_map(Listen::parse).collect();
        let has_listen = directive.children().iter().any(|d| d.name == "listen");
        let named: Vec<&Directive> = directive.children().iter().filter(|d| d.name == "server_name").collect();
        let mut names: Vec<String> = named.iter().flat_map(|d| d.args.iter().map(|n| lowercase_name(n))).collect();
        if named.is_empty() {
            names.push(String::new());
        }
        Server {
            directive,
            listens: if has_listen { listens } else { vec![Listen::implied()] },
            names,
            name_lines: named.iter().map(|d| d.line).collect(),
        }
    }
}

/// A server name as nginx keeps it: lowercase, except a regular expression.
fn lowercase_name(name: &str) -> String {
    if name.starts_with('~') {
        name.to_owned()
    } else {
        name.to_ascii_lowercase()
    }
}

/// How a server was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// The host is one of its names.
    Exact(String),
    /// The longest matching wildcard starting with `*` (or the `.name` form).
    LeadingWildcard(String),
    /// The longest matching wildcard ending with `*`.
    TrailingWildcard(String),
    /// The first regular expression that matches.
    Regex(String),
    /// No name matched: the default server of the address and port.
    Default,
}

/// What a name is and how long its fixed part is.
enum Kind {
    Exact,
    Leading(usize),
    Trailing(usize),
    Regex,
}

fn kind(name: &str) -> Kind {
    if name.starts_with('~') {
        Kind::Regex
    } else if let Some(rest) = name.strip_prefix("*.") {
        Kind::Leading(rest.len() + 1)
    } else if name.starts_with('.') {
        Kind::Leading(name.len())
    } else if let Some(rest) = name.strip_suffix(".*") {
        Kind::Trailing(rest.len() + 1)
    } else {
        Kind::Exact
    }
}

/// Whether `host` matches the wildcard `name`.
fn wildcard_matches(name: &str, host: &str) -> bool {
    if let Some(suffix) = name.strip_prefix('*') {
        host.len() > suffix.len() && host.ends_with(suffix)
    } else if let Some(domain) = name.strip_prefix('.') {
        host == domain || host.ends_with(name)
    } else if let Some(prefix) = name.strip_suffix('*') {
        host.len() > prefix.len() && host.starts_with(prefix)
    } else {
        false
    }
}

/// A server name's regular expression (`~…`), matched without regard to
/// case as nginx compiles them; `Err` when the tracer's engine cannot
/// read it.
pub fn name_regex(name: &str) -> Result<Regex, String> {
    let pattern = name.trim_start_matches('~');
    Regex::new(&format!("(?i){pattern}")).map_err(|e| format!("cannot read the regular expression {name}: {e}"))
}

/// Among `servers` (those listening on the connection's socket, in the
/// order of the file), the one answering `host`, how, and notes (regular
/// expressions the tracer cannot read).
pub fn by_name<'s, 'a>(
    servers: &[&'s Server<'a>],
    defaults: &[bool],
    host: &str,
    notes: &mut Vec<String>,
) -> (&'s Server<'a>, NameMatch) {
    let mut best_leading: Option<(usize, &Server, &str)> = None;
    let mut best_trailing: Option<(usize, &Server, &str)> = None;
    for server in servers {
        for name in &server.names {
            match kind(name) {
                Kind::Exact if name == host => return (server, NameMatch::Exact(name.clone())),
                Kind::Leading(len) if wildcard_matches(name, host) && best_leading.is_none_or(|(l, _, _)| len > l) => {
                    best_leading = Some((len, server, name))
                }
                Kind::Trailing(len)
                    if wildcard_matches(name, host) && best_trailing.is_none_or(|(l, _, _)| len > l) =>
                {
                    best_trailing = Some((len, server, name))
                }
                _ => {}
            }
        }
    }
    if let Some((_, server, name)) = best_leading {
        return (server, NameMatch::LeadingWildcard(name.to_owned()));
    }
    if let Some((_, server, name)) = best_trailing {
        return (server, NameMatch::TrailingWildcard(name.to_owned()));
    }
    for server in servers {
        for name in server.names.iter().filter(|n| n.starts_with('~')) {
            match name_regex(name) {
                Ok(re) if re.is_match(host) => return (server, NameMatch::Regex(name.clone())),
                Ok(_) => {}
                Err(e) => notes.push(e),
            }
        }
    }
    let default = servers.iter().zip(defaults).find(|(_, d)| **d).map(|(s, _)| *s).unwrap_or(servers[0]);
    (default, NameMatch::Default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard_matches("*.example.org", "www.sub.example.org"));
        assert!(!wildcard_matches("*.example.org", "example.org"));
        assert!(wildcard_matches(".example.org", "example.org"));
        assert!(wildcard_matches(".example.org", "a.example.org"));
        assert!(!wildcard_matches(".example.org", "badexample.org"));
        assert!(wildcard_matches("mail.*", "mail.example.com"));
        assert!(!wildcard_matches("mail.*", "mail."));
    }
}
