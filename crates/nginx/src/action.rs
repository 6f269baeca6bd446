//! What the chosen location does with the request: `return` (the rewrite
//! phase, before anything else), `try_files`, passing it on
//! (`proxy_pass` with nginx's URI rules, `fastcgi_pass`, `uwsgi_pass`, …)
//! or serving a file (`alias`, or the inherited `root` with the URI
//! appended; `index` for a folder).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::conf::Directive;
use crate::location::{Location, Modifier};
use crate::request::Request;

/// What happens to the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Outcome {
    /// No connection: nothing listens there, or TLS fails.
    Refused {
        /// Why.
        reason: String,
    },
    /// A response or redirection, from `return` or from nginx itself.
    Return {
        /// The status code.
        code: u16,
        /// The redirection's target or the response's text, variables replaced.
        text: Option<String>,
    },
    /// Passed to another server with `proxy_pass`.
    Proxy {
        /// The URL written (`http://backend/`).
        target: String,
        /// The server(s) it goes to: the URL's host and port, or the
        /// servers of the `upstream` group it names.
        servers: Vec<String>,
        /// The URI sent to it.
        uri: String,
        /// How that URI was made.
        rule: String,
    },
    /// Passed on by another module (`fastcgi_pass`, `uwsgi_pass`, …).
    Pass {
        /// The directive.
        directive: String,
        /// Its target.
        target: String,
    },
    /// A file served from the file system.
    Files {
        /// `root` or `alias`.
        directive: String,
        /// Its folder.
        folder: String,
        /// The path asked for.
        path: String,
        /// For a folder, the index files tried in order.
        index: Vec<String>,
        /// With `try_files`: what is tried, in order, the last being the fallback.
        try_files: Vec<String>,
    },
}

/// The variables the tracer can give a value.
pub fn variables(request: &Request, server_name: &str) -> BTreeMap<String, String> {
    let host_header = if (request.tls() && request.port == 443) || (!request.tls() && request.port == 80) {
        request.host.clone()
    } else {
        format!("{}:{}", request.host, request.port)
    };
    let args = request.args.clone().unwrap_or_default();
    [
        ("scheme", request.scheme.clone()),
        ("host", request.host.clone()),
        ("http_host", host_header),
        ("request_uri", request.raw_uri.clone()),
        ("uri", request.uri.clone()),
        ("document_uri", request.uri.clone()),
        ("args", args.clone()),
        ("query_string", args),
        ("is_args", if request.args.is_some() { "?".into() } else { String::new() }),
        ("request_method", request.method.clone()),
        ("server_port", request.port.to_string()),
        ("server_name", server_name.to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// `text` with the variables in `vars` replaced (`$name`, `${name}`);
/// others stay as they are.
pub fn expand(text: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (name, len) = if let Some(inner) = after.strip_prefix('{') {
            match inner.find('}') {
                Some(end) => (&inner[..end], end + 2),
                None => ("", 0),
            }
        } else {
            let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
            (&after[..end], end)
        };
        match vars.get(name) {
            Some(value) if !name.is_empty() => out.push_str(value),
            _ => out.push_str(&rest[at..at + 1 + len]),
        }
        rest = &rest[at + 1 + len..];
    }
    out.push_str(rest);
    out
}

/// The innermost directive called `name` in `levels` (outermost first).
pub fn inherited<'a>(levels: &[&'a Directive], name: &str) -> Option<&'a Directive> {
    levels.iter().rev().find_map(|level| level.children().iter().rev().find(|d| d.name == name))
}

/// A `return` directive's outcome.
pub fn returned(d: &Directive, vars: &BTreeMap<String, String>) -> Outcome {
    match d.arg(0).parse::<u16>() {
        Ok(code) => Outcome::Return { code, text: d.args.get(1).map(|t| expand(t, vars)) },
        // `return URL`: a temporary redirect.
        Err(_) => Outcome::Return { code: 302, text: Some(expand(d.arg(0), vars)) },
    }
}

/// The parts of `proxy_pass`'s URL: `(scheme://authority, path)`, the path
/// being `None` when the URL has none.
fn split_url(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else { return (url.to_owned(), None) };
    if let Some(socket) = rest.strip_prefix("unix:") {
        // `unix:/path/to.sock:/uri`: the URI follows the socket after a colon.
        return match socket.split_once(':') {
            Some((path, uri)) => (format!("{scheme}://unix:{path}"), Some(uri.to_owned())),
            None => (url.to_owned(), None),
        };
    }
    match rest.find('/') {
        Some(at) => (format!("{scheme}://{}", &rest[..at]), Some(rest[at..].to_owned())),
        None => (url.to_owned(), None),
    }
}

/// `proxy_pass TARGET` in `location` for `request`: where it goes and the
/// URI it sends, by nginx's rules; `Err` when nginx refuses the
/// configuration.
pub fn proxy(
    target: &str,
    location: Option<&Location>,
    request: &Request,
    vars: &BTreeMap<String, String>,
    upstreams: &[&Directive],
) -> Result<Outcome, String> {
    let with_vars = target.contains('$');
    let url = expand(target, vars);
    let (base, path) = split_url(&url);
    let query = request.args.as_ref().map(|a| format!("?{a}")).unwrap_or_default();
    let (uri, rule) = match (&path, with_vars) {
        (Some(path), true) => (path.clone(), "the URL has variables and a URI: that URI replaces the request's".to_owned()),
        (None, true) => (request.raw_uri.clone(), "the URL has variables and no URI: the request's URI goes as the client sent it".to_owned()),
        (None, false) => (request.raw_uri.clone(), "proxy_pass has no URI: the request's URI goes as the client sent it".to_owned()),
        (Some(path), false) => match location {
            Some(l) if matches!(l.modifier, Modifier::Regex | Modifier::RegexCaseless | Modifier::Named) => {
                return Err(format!(
                    "nginx refuses this configuration: \"proxy_pass\" cannot have URI part in location given by regular expression, or inside named location (line {})",
                    l.line()
                ))
            }
            Some(l) => {
                let rest = request.uri.get(l.pattern.len()..).unwrap_or("");
                (
                    format!("{path}{rest}{query}"),
                    format!("proxy_pass has a URI: the part of the URI that matches the location ({}) is replaced by {path}", l.pattern),
                )
            }
            None => (format!("{path}{query}"), "proxy_pass has a URI".to_owned()),
        },
    };
    let authority = base.split_once("://").map_or(base.as_str(), |(_, a)| a);
    let group = upstreams.iter().find(|u| u.arg(0) == authority);
    let servers = match group {
        Some(u) => u.children().iter().filter(|d| d.name == "server").map(|d| d.arg(0).to_owned()).collect(),
        None => vec![authority.to_owned()],
    };
    Ok(Outcome::Proxy { target: target.to_owned(), servers, uri, rule })
}

/// A file (or folder) served for `request` from the chosen location
/// (`levels`: http, server and the locations, outermost first).
pub fn files(levels: &[&Directive], location: Option<&Location>, request: &Request) -> (Outcome, Vec<usize>) {
    let mut lines = Vec::new();
    let alias = location.and_then(|l| l.directive.children().iter().find(|d| d.name == "alias"));
    let (directive, folder, path) = match (alias, location) {
        (Some(a), Some(l)) => {
            lines.push(a.line);
            let path = match &l.regex {
                Some(Ok(re)) => captures(re, &request.uri, a.arg(0)),
                _ => format!("{}{}", a.arg(0), request.uri.get(l.pattern.len()..).unwrap_or("")),
            };
            ("alias", a.arg(0).to_owned(), path)
        }
        _ => match inherited(levels, "root") {
            Some(r) => {
                lines.push(r.line);
                ("root", r.arg(0).to_owned(), format!("{}{}", r.arg(0), request.uri))
            }
            None => ("root", "html".to_owned(), format!("html{} (nginx's default root, in its prefix)", request.uri)),
        },
    };
    let index = if request.uri.ends_with('/') {
        match inherited(levels, "index") {
            Some(i) => {
                lines.push(i.line);
                i.args.clone()
            }
            None => vec!["index.html".to_owned()],
        }
    } else {
        Vec::new()
    };
    let vars: BTreeMap<String, String> = [("uri".to_owned(), request.uri.clone())].into_iter().collect();
    let try_files = match location.and_then(|l| l.directive.children().iter().find(|d| d.name == "try_files")) {
        Some(t) => {
            lines.push(t.line);
            t.args.iter().map(|a| expand(a, &vars)).collect()
        }
        None => Vec::new(),
    };
    (Outcome::Files { directive: directive.to_owned(), folder, path, index, try_files }, lines)
}

/// `template` with `$1`…`$9` replaced by the captures of `re` in `text`.
fn captures(re: &regex_lite::Regex, text: &str, template: &str) -> String {
    let Some(caps) = re.captures(text) else { return template.to_owned() };
    let mut out = template.to_owned();
    for i in (1..caps.len().min(10)).rev() {
        out = out.replace(&format!("${i}"), caps.get(i).map_or("", |m| m.as_str()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_replaced() {
        let vars: BTreeMap<String, String> = [("host".to_owned(), "a.org".to_owned())].into_iter().collect();
        assert_eq!(expand("https://$host$request_uri", &vars), "https://a.org$request_uri");
        assert_eq!(expand("${host}x $", &vars), "a.orgx $");
    }

    #[test]
    fn urls_split_into_server_and_uri() {
        assert_eq!(split_url("http://backend"), ("http://backend".into(), None));
        assert_eq!(split_url("http://127.0.0.1:3031/"), ("http://127.0.0.1:3031".into(), Some("/".into())));
        assert_eq!(split_url("http://unix:/run/a.sock:/x"), ("http://unix:/run/a.sock".into(), Some("/x".into())));
    }
}
