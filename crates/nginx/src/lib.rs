//! Nixpen's request tracer for nginx: given a rendered nginx.conf and a
//! request (`GET https://example.org/api/x`), which listen socket takes the
//! connection, which `server` answers (`server_name`: exact, wildcards,
//! regular expressions, the default server), which `location` (exact,
//! longest prefix, `^~`, regular expressions in order, nested locations)
//! and what it does (`return`, `proxy_pass` with its URI rules, files from
//! `root`/`alias`), naming the lines of nginx.conf involved.
//!
//! It reads the configuration's text, the ground truth (including the
//! hosts' `extraConfig`), with no evaluator: the CLI links it natively and
//! the playground can load it as a module of its own, after the first
//! download. Regular expressions use `regex-lite`, which reads nginx's
//! PCRE patterns except look-around and back-references (such a location
//! is noted and taken as not matching).

pub mod action;
pub mod conf;
pub mod listen;
pub mod location;
pub mod request;
pub mod server;
mod trace;

pub use action::Outcome;
pub use request::Request;
pub use trace::{trace, LocationChoice, ServerChoice, Step, Trace};

/// Traces the request `request` (`[METHOD] URL`) through the nginx.conf
/// `conf`, as JSON: `{"trace": Trace}` or `{"error": "…"}` (a request that
/// cannot be read, a configuration that cannot be parsed). The one entry
/// point of the browser's module (`crates/nginx-wasm`).
///
/// ```
/// let json = nixpen_nginx::trace_json("http { server { listen 80; } }", "GET http://a/");
/// assert!(json.starts_with(r#"{"trace":{"#));
/// assert_eq!(nixpen_nginx::trace_json("http {", "GET http://a/"), r#"{"error":"nginx.conf:1: the block of \"http\" is not closed"}"#);
/// ```
pub fn trace_json(conf: &str, request: &str) -> String {
    /// The answer, `{"trace": …}` or `{"error": …}`.
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    enum Answer {
        Trace(Box<Trace>),
        Error(String),
    }
    let answer = match Request::parse(request).and_then(|r| trace(conf, &r).map_err(|e| e.to_string())) {
        Ok(t) => Answer::Trace(Box::new(t)),
        Err(e) => Answer::Error(e),
    };
    serde_json::to_string(&answer).unwrap_or_default()
}
