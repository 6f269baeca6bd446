//! The whole decision for one request: the socket, the server, the
//! location and what it does, each step naming the lines of nginx.conf
//! involved.

use serde::Serialize;

use crate::action::{self, Outcome};
use crate::conf::{self, Directive, ParseError};
use crate::listen::{self, Listen};
use crate::location::{self, Ending, Location};
use crate::request::Request;
use crate::server::{self, NameMatch, Server};

/// One step of the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The line of nginx.conf it is about, when one.
    pub line: Option<usize>,
    /// What happened.
    pub text: String,
}

/// The server that answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerChoice {
    /// The line of `server {`.
    pub line: usize,
    /// The line of its closing `}`.
    pub end_line: usize,
    /// Its names.
    pub names: Vec<String>,
    /// `exact`, `leadingWildcard`, `trailingWildcard`, `regex` or `default`.
    pub how: String,
    /// The name that matched, if one did.
    pub name: Option<String>,
}

/// The location that answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocationChoice {
    /// The line of `location … {`.
    pub line: usize,
    /// The line of its closing `}`.
    pub end_line: usize,
    /// As written (`~ \.php$`, `/api/`).
    pub location: String,
    /// The lines of the locations it is nested in, outermost first, then its own.
    pub chain: Vec<usize>,
}

/// The decision for one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// The request, normalized.
    pub request: Request,
    /// The socket that takes the connection (`*:443`), if one does.
    pub socket: Option<String>,
    /// The server that answers, if the request gets that far.
    pub server: Option<ServerChoice>,
    /// The location that answers, if one does.
    pub location: Option<LocationChoice>,
    /// What happens.
    pub outcome: Outcome,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Every line of nginx.conf involved, in order.
    pub lines: Vec<usize>,
    /// What the tracer could not follow (`if`, `rewrite`, regular
    /// expressions its engine cannot read).
    pub notes: Vec<String>,
}

/// Traces `request` through the nginx.conf `text`.
///
/// ```
/// let conf = "http {\n server {\n  listen 80;\n  server_name a.org;\n  location / { return 200 hi; }\n }\n}\n";
/// let t = nixpen_nginx::trace(conf, &nixpen_nginx::Request::parse("http://a.org/x").unwrap()).unwrap();
/// assert_eq!(t.location.unwrap().line, 5);
/// assert_eq!(t.outcome, nixpen_nginx::Outcome::Return { code: 200, text: Some("hi".into()) });
/// ```
pub fn trace(text: &str, request: &Request) -> Result<Trace, ParseError> {
    let conf = conf::parse(text)?;
    let mut t = Trace {
        request: request.clone(),
        socket: None,
        server: None,
        location: None,
        outcome: Outcome::Refused { reason: String::new() },
        steps: Vec::new(),
        lines: Vec::new(),
        notes: Vec::new(),
    };
    t.outcome = decide(&conf, request, &mut t);
    t.lines.sort_unstable();
    t.lines.dedup();
    t.lines.retain(|&l| l > 0);
    Ok(t)
}

impl Trace {
    fn step(&mut self, line: Option<usize>, text: String) {
        if let Some(l) = line {
            self.lines.push(l);
        }
        self.steps.push(Step { line, text });
    }
}

/// The decision, step by step.
fn decide(conf: &[Directive], request: &Request, t: &mut Trace) -> Outcome {
    let Some(http) = conf.iter().find(|d| d.name == "http") else {
        return Outcome::Refused { reason: "nginx.conf has no http block: nginx serves no HTTP".into() };
    };
    let servers: Vec<Server> = http.children().iter().filter(|d| d.name == "server").map(Server::new).collect();
    let listens: Vec<&Listen> = servers.iter().flat_map(|s| &s.listens).collect();
    let (taking, socket) = listen::accepting(&listens, request.port, request.address);
    if taking.is_empty() {
        let at = request.address.map_or("this machine".to_owned(), |a| a.to_string());
        return Outcome::Refused {
            reason: format!("no server listens on port {} of {at}: the connection is refused", request.port),
        };
    }
    t.socket = Some(socket.clone());
    // The servers on this socket, in the file's order, and whether each is its default.
    let on_socket: Vec<(&Server, bool)> = servers
        .iter()
        .filter_map(|s| {
            let mine: Vec<&Listen> = s.listens.iter().filter(|l| taking.iter().any(|x| std::ptr::eq(*x, *l))).collect();
            (!mine.is_empty()).then(|| (s, mine.iter().any(|l| l.default_server)))
        })
        .collect();
    let tls_socket = taking.iter().any(|l| l.ssl);
    let over = if tls_socket { " (TLS: ssl)" } else { "" };
    t.step(
        None,
        format!("port {} is taken by the listen socket {socket}{over}, of {} server(s)", request.port, on_socket.len()),
    );
    if request.tls() && !tls_socket {
        return Outcome::Refused {
            reason: format!("{socket} does not speak TLS (no listen there has ssl): the handshake fails"),
        };
    }
    let candidates: Vec<&Server> = on_socket.iter().map(|(s, _)| *s).collect();
    let defaults: Vec<bool> = on_socket.iter().map(|(_, d)| *d).collect();
    let (server, how) = server::by_name(&candidates, &defaults, &request.host, &mut t.notes);
    let block = server.directive;
    let server_line = block.line;
    let choice = |how: &str, name: Option<String>| ServerChoice {
        line: server_line,
        end_line: block.block.as_ref().map_or(server_line, |b| b.end_line),
        names: server.names.clone(),
        how: how.to_owned(),
        name,
    };
    let name_line = server.name_lines.first().copied();
    match &how {
        NameMatch::Exact(n) => {
            t.server = Some(choice("exact", Some(n.clone())));
            t.step(name_line, format!("{} is an exact server_name of the server at line {server_line}", request.host));
        }
        NameMatch::LeadingWildcard(n) => {
            t.server = Some(choice("leadingWildcard", Some(n.clone())));
            t.step(name_line, format!("no exact server_name; {n}, the longest wildcard starting with * that matches, is the server's at line {server_line}"));
        }
        NameMatch::TrailingWildcard(n) => {
            t.server = Some(choice("trailingWildcard", Some(n.clone())));
            t.step(name_line, format!("no exact or *. name; {n}, the longest wildcard ending with * that matches, is the server's at line {server_line}"));
        }
        NameMatch::Regex(n) => {
            t.server = Some(choice("regex", Some(n.clone())));
            t.step(name_line, format!("no exact or wildcard name; {n}, the first regular expression that matches, is the server's at line {server_line}"));
        }
        NameMatch::Default => {
            t.server = Some(choice("default", None));
            let why = if defaults.iter().any(|d| *d) {
                "its listen has default_server"
            } else {
                "it is the first server listening there"
            };
            t.step(
                Some(server_line),
                format!("no server_name matches {}: the default server of {socket} answers ({why})", request.host),
            );
        }
    }
    t.lines.push(server_line);
    // The chosen server's listens on the socket.
    for l in server.listens.iter().filter(|l| taking.iter().any(|x| std::ptr::eq(*x, *l))) {
        t.lines.push(l.line);
    }
    if request.tls() {
        let levels = [http, block];
        if let Some(reject) = action::inherited(&levels, "ssl_reject_handshake").filter(|d| d.arg(0) == "on") {
            t.step(Some(reject.line), "ssl_reject_handshake on: the TLS handshake is rejected".into());
            return Outcome::Refused {
                reason: "the server rejects the TLS handshake (ssl_reject_handshake on)".into(),
            };
        }
    } else if tls_socket {
        return Outcome::Return { code: 400, text: Some("The plain HTTP request was sent to HTTPS port".into()) };
    }
    let server_name = server.names.first().cloned().unwrap_or_default();
    let vars = action::variables(request, &server_name);
    // The server's own rewrite phase runs before a location is looked for.
    if let Some(outcome) = rewrite_phase(block, &vars, t) {
        return outcome;
    }
    let locations = Location::all(block.children());
    let search = location::find(&locations, &request.uri, Vec::new());
    for (line, text) in &search.steps {
        t.step(*line, text.clone());
    }
    t.notes.extend(search.notes.iter().cloned());
    let chosen = search.chain.last().copied();
    let mut levels: Vec<&Directive> = vec![http, block];
    levels.extend(search.chain.iter().map(|l| l.directive));
    if let Some(l) = chosen {
        t.location = Some(LocationChoice {
            line: l.line(),
            end_line: l.directive.block.as_ref().map_or(l.line(), |b| b.end_line),
            location: l.describe(),
            chain: search.chain.iter().map(|c| c.line()).collect(),
        });
    } else {
        t.step(None, "no location matches: the server's own settings apply".into());
    }
    if search.ending == Ending::Redirect {
        let query = request.args.as_ref().map(|a| format!("?{a}")).unwrap_or_default();
        return Outcome::Return { code: 301, text: Some(format!("{}/{query}", request.uri)) };
    }
    if let Some(l) = chosen {
        if let Some(outcome) = rewrite_phase(l.directive, &vars, t) {
            return outcome;
        }
    }
    let own: &[Directive] = chosen.map_or(&[], |l| l.directive.children());
    const PASSES: [&str; 5] = ["fastcgi_pass", "uwsgi_pass", "scgi_pass", "grpc_pass", "memcached_pass"];
    if let Some(d) = own.iter().find(|d| d.name == "proxy_pass") {
        let upstreams: Vec<&Directive> = http.children().iter().filter(|d| d.name == "upstream").collect();
        let mut vars = vars.clone();
        for set in levels.iter().flat_map(|l| l.children()).filter(|d| d.name == "set") {
            vars.insert(set.arg(0).trim_start_matches('$').to_owned(), set.arg(1).to_owned());
            t.lines.push(set.line);
        }
        return match action::proxy(d.arg(0), chosen, request, &vars, &upstreams) {
            Ok(outcome) => {
                if let Outcome::Proxy { rule, uri, servers, .. } = &outcome {
                    t.step(
                        Some(d.line),
                        format!("proxy_pass {}: {rule}; it goes to {} as {uri}", d.arg(0), servers.join(", ")),
                    );
                }
                for u in upstreams.iter().filter(|u| d.arg(0).contains(u.arg(0))) {
                    t.lines.push(u.line);
                }
                outcome
            }
            Err(e) => {
                t.step(Some(d.line), e.clone());
                Outcome::Refused { reason: e }
            }
        };
    }
    if let Some(d) = own.iter().find(|d| PASSES.contains(&d.name.as_str())) {
        t.step(Some(d.line), format!("{} {}: the request is passed on", d.name, d.arg(0)));
        return Outcome::Pass { directive: d.name.clone(), target: d.arg(0).to_owned() };
    }
    let (outcome, lines) = action::files(&levels, chosen, request);
    if let Outcome::Files { directive, path, .. } = &outcome {
        t.step(
            lines.first().copied(),
            format!("no handler passes the request on: the file {path} is served ({directive})"),
        );
    }
    t.lines.extend(lines);
    outcome
}

/// The rewrite phase of a server or location: its first `return`
/// answers; `rewrite` and `if` are noted, not simulated.
fn rewrite_phase(
    block: &Directive,
    vars: &std::collections::BTreeMap<String, String>,
    t: &mut Trace,
) -> Option<Outcome> {
    for d in block.children() {
        match d.name.as_str() {
            "return" => {
                let outcome = action::returned(d, vars);
                t.step(Some(d.line), format!("return {}: nginx answers at once", d.args.join(" ")));
                return Some(outcome);
            }
            "rewrite" | "if" => {
                t.lines.push(d.line);
                t.notes.push(format!("line {}: {} is not simulated by the tracer", d.line, d.name));
            }
            _ => {}
        }
    }
    None
}
