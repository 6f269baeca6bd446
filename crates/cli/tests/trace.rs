//! `nixpen trace`: a request through the rendered nginx.conf of the
//! tutorial's final flake and of the TLS example, as text (each line
//! involved with the options it comes from) and as JSON, and the CLI's
//! error contract.

mod common;
use common::nixpen;

use std::path::PathBuf;

use serde_json::Value;

fn repo(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path).display().to_string()
}

#[test]
fn the_tutorial_proxies_to_gohello() {
    let (ok, out, err) =
        nixpen(&["trace", &repo("examples/tutorial/5-final"), "http://gohello.local.cetacean.club/hello?x=1"]);
    assert!(ok, "{err}");
    assert!(out.contains("  outcome: proxy_pass http://127.0.0.1:3031: to 127.0.0.1:3031 as /hello?x=1\n"), "{out}");
    assert!(out.contains("(exact gohello.local.cetacean.club)"), "{out}");
    assert!(out.contains("proxy_pass http://127.0.0.1:3031;\n"), "{out}");
    assert!(
        out.contains("<- services.nginx.virtualHosts.\"gohello.local.cetacean.club\".locations.\"/\".proxyPass\n"),
        "{out}"
    );
    assert!(out.contains("<- services.nginx.defaultListenAddresses\n"), "{out}");
}

#[test]
fn the_tls_example_redirects_http_and_answers_its_exact_location() {
    let module = repo("examples/reverse-proxy-tls.nix");
    let (ok, out, err) = nixpen(&["trace", &module, "http://app.example.org/x?y=1", "--json"]);
    assert!(ok, "{err}");
    let t: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        t["outcome"],
        serde_json::json!({"kind": "return", "code": 301, "text": "https://app.example.org/x?y=1"})
    );
    assert_eq!(t["server"]["how"], "exact");
    let (ok, out, err) = nixpen(&["trace", &module, "GET", "https://app.example.org/healthz", "--json"]);
    assert!(ok, "{err}");
    let t: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(t["location"]["location"], "= /healthz");
    assert_eq!(t["outcome"], serde_json::json!({"kind": "return", "code": 200, "text": "ok"}));
    let (ok, out, err) = nixpen(&["trace", &module, "https://app.example.org/ws", "--method", "POST", "--json"]);
    assert!(ok, "{err}");
    let t: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(t["request"]["method"], "POST");
    assert_eq!(t["outcome"]["servers"], serde_json::json!(["127.0.0.1:8080"]));
}

#[test]
fn mistakes_are_errors_on_stderr() {
    let timer = repo("examples/timer.nix");
    let tutorial = repo("examples/tutorial/5-final");
    for (args, message) in [
        (vec!["trace", &timer, "http://a/"], "error: nginx is not enabled"),
        (vec!["trace", &tutorial, "ftp://a/"], "error: the scheme 'ftp' is not http or https"),
        (vec!["trace", &tutorial], "error: give the URL to trace"),
        (vec!["trace", &tutorial, "http://a/", "--address", "nope"], "error: 'nope' is not an IP address"),
    ] {
        let (ok, out, err) = nixpen(&args);
        assert!(!ok && out.is_empty(), "{args:?}: {out}");
        assert!(err.lines().any(|l| l.starts_with(message)), "{args:?}: {err}");
    }
}
