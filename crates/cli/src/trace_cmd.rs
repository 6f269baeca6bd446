//! `nixpen trace PATH URL`: which server and location of the rendered
//! nginx.conf answer a request and what they do (`nixpen_nginx`), each
//! line of nginx.conf involved shown with the options it comes from.

use std::process::ExitCode;

use nixpen_nginx::{Outcome, Request, Trace};
use nixpen_nixos::explain::LineSource;
use nixpen_nixos::{Rendered, Sources};

use crate::system_args::Accepts;
use crate::system_cmd::{eval_json, parse, render_json, target};

const USAGE: &str = "trace PATH [METHOD] URL [--method METHOD] [--address IP] [--attr ATTR] [--json]";

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

/// `nixpen trace PATH URL [--method METHOD] [--address IP] [--attr ATTR] [--json]`.
pub fn run(argv: &[String]) -> ExitCode {
    let accepts = Accepts { request: true, operands: 2, ..Accepts::default() };
    let args = match parse(argv, accepts, USAGE) {
        Ok(a) => a,
        Err(code) => return code,
    };
    // `[METHOD] URL`, the method also given by `--method`.
    let (method, url) = match args.operands.as_slice() {
        [url] => (args.method.clone(), url),
        [method, url] => (Some(method.clone()), url),
        _ => return fail(&format!("give the URL to trace\n\nusage: nixpen {USAGE}")),
    };
    let text = match method {
        Some(method) => format!("{method} {url}"),
        None => url.clone(),
    };
    let mut request = match Request::parse(&text) {
        Ok(r) => r,
        Err(m) => return fail(&m),
    };
    if let Some(address) = &args.address {
        match address.parse() {
            Ok(ip) => request.address = Some(ip),
            Err(_) => return fail(&format!("'{address}' is not an IP address")),
        }
    }
    let target = match target(&args) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let rendered = match render_json(&args, &target).map(|json| Rendered::from_json(&json)) {
        Ok(Ok(r)) => r,
        Ok(Err(m)) => return fail(&m),
        Err(code) => return code,
    };
    let Some(conf) = rendered.nginx else {
        return fail(
            "nginx is not enabled in this configuration (services.nginx.enable): there is no nginx.conf to trace",
        );
    };
    let trace = match nixpen_nginx::trace(&conf, &request) {
        Ok(t) => t,
        Err(e) => return fail(&e.to_string()),
    };
    if args.json {
        println!("{}", serde_json::to_string(&trace).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    // The options each line of nginx.conf comes from (best effort: the
    // trace stands without them).
    let files = ["nginx.conf".to_owned()];
    let origins = eval_json(&args, target.sources_expr(&[], Some(&files), false))
        .ok()
        .and_then(|json| Sources::from_json(&json).ok())
        .and_then(|mut s| s.files.remove("nginx.conf"))
        .unwrap_or_default();
    print!("{}", text_of(&trace, &conf, &origins));
    ExitCode::SUCCESS
}

/// What happens, in a line.
fn outcome_text(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Refused { reason } => format!("no answer: {reason}"),
        Outcome::Return { code, text: Some(text) } if (301..=308).contains(code) => {
            format!("{code} redirect to {text}")
        }
        Outcome::Return { code, text: Some(text) } => format!("{code} {text:?}"),
        Outcome::Return { code, text: None } => format!("{code}"),
        Outcome::Proxy { target, servers, uri, .. } => {
            format!("proxy_pass {target}: to {} as {uri}", servers.join(", "))
        }
        Outcome::Pass { directive, target } => format!("{directive} {target}"),
        Outcome::Files { path, index, try_files, .. } => {
            let mut text = format!("the file {path}");
            if !index.is_empty() {
                text.push_str(&format!(" (a folder: index {})", index.join(" ")));
            }
            if !try_files.is_empty() {
                text.push_str(&format!(" (try_files {})", try_files.join(" ")));
            }
            text
        }
    }
}

/// The trace as `nixpen trace` prints it.
fn text_of(t: &Trace, conf: &str, origins: &[LineSource]) -> String {
    let lines: Vec<&str> = conf.lines().collect();
    let r = &t.request;
    let mut out = format!("{} {}://{}:{}{}\n", r.method, r.scheme, r.host, r.port, r.raw_uri);
    if r.uri != r.raw_uri.split('?').next().unwrap_or("") {
        out.push_str(&format!("  uri (normalized): {}\n", r.uri));
    }
    if let Some(socket) = &t.socket {
        out.push_str(&format!("  socket: {socket}\n"));
    }
    if let Some(s) = &t.server {
        let name = s.name.as_deref().map(|n| format!(" {n}")).unwrap_or_default();
        out.push_str(&format!("  server: nginx.conf:{} ({}{name})\n", s.line, s.how));
    }
    if let Some(l) = &t.location {
        out.push_str(&format!("  location: nginx.conf:{} (location {})\n", l.line, l.location));
    }
    out.push_str(&format!("  outcome: {}\n\nsteps:\n", outcome_text(&t.outcome)));
    for step in &t.steps {
        match step.line {
            Some(line) => out.push_str(&format!("  nginx.conf:{line}: {}\n", step.text)),
            None => out.push_str(&format!("  {}\n", step.text)),
        }
    }
    for note in &t.notes {
        out.push_str(&format!("  note: {note}\n"));
    }
    out.push_str("\nlines of nginx.conf involved:\n");
    let width = t.lines.last().map_or(1, |l| l.to_string().len());
    for &n in &t.lines {
        out.push_str(&format!("  {n:>width$}  {}\n", lines.get(n - 1).map_or("", |l| l.trim())));
        if let Some(origin) = origins.get(n - 1) {
            for option in &origin.options {
                out.push_str(&format!("  {:width$}    <- {option}\n", ""));
            }
            if let Some(note) = &origin.note {
                out.push_str(&format!("  {:width$}    note: {note}\n", ""));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trace_as_text_names_lines_and_options() {
        let conf = "http {\n\tserver {\n\t\tlisten 80 ;\n\t\tserver_name a.org ;\n\t\tlocation / {\n\t\t\treturn 301 https://$host$request_uri;\n\t\t}\n\t}\n}\n";
        let t = nixpen_nginx::trace(conf, &Request::parse("http://a.org/x").unwrap()).unwrap();
        let mut origins = vec![LineSource::default(); 9];
        origins[3].options.push("services.nginx.virtualHosts.\"a.org\"".into());
        let text = text_of(&t, conf, &origins);
        assert!(
            text.starts_with("GET http://a.org:80/x\n  socket: 0.0.0.0:80\n  server: nginx.conf:2 (exact a.org)\n"),
            "{text}"
        );
        assert!(text.contains("  outcome: 301 redirect to https://a.org/x\n"), "{text}");
        assert!(text.contains("  4  server_name a.org ;\n       <- services.nginx.virtualHosts.\"a.org\"\n"), "{text}");
    }
}
