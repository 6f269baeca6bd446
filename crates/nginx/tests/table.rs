//! The tracer against nginx's documented rules (ngx_http_core_module's
//! `location` and `listen`, "Server names", "How nginx processes a
//! request", ngx_http_proxy_module's `proxy_pass`), on a table of requests
//! through one configuration: exact, longest prefix, `^~`, regular
//! expressions in order of appearance and without regard to case, nested
//! locations, the redirect of a proxied prefix without its `/`, exact,
//! wildcard and regular-expression server names in their precedence, the
//! default server, sockets by address, port and TLS, and what the location
//! does.

use nixpen_nginx::{trace, Outcome, Request};

const CONF: &str = r#"# a test configuration
http {
    upstream backend {
        server 127.0.0.1:8080;
        server 127.0.0.1:8081;
    }
    server {
        listen 80;
        server_name example.org www.example.org;
        root /srv/www;
        location = / {
            return 200 "exact root";
        }
        location / {
            index index.html;
        }
        location /documents/ {
            root /srv/docs;
        }
        location ^~ /images/ {
            alias /srv/img/;
        }
        location /images/big/ {
            root /srv/big;
        }
        location ~* \.(gif|jpg|jpeg)$ {
            root /srv/media;
        }
        location ~ ^/documents/secret {
            return 403;
        }
        location /api/ {
            proxy_pass http://backend/v1/;
        }
        location /app {
            proxy_pass http://127.0.0.1:3000;
        }
        location /nested/ {
            location ~ \.php$ {
                fastcgi_pass unix:/run/php.sock;
            }
            location /nested/deep/ {
                return 204;
            }
        }
        location ~ /nested/.*\.txt$ {
            return 410;
        }
    }
    server {
        listen 80;
        server_name *.example.org;
        return 200 "wildcard";
    }
    server {
        listen 80;
        server_name *.sub.example.org mail.*;
        location / { return 200 "longer wildcard"; }
    }
    server {
        listen 80 default_server;
        server_name _;
        return 444;
    }
    server {
        listen 80;
        server_name .example.net;
        location / { return 301 https://$host$request_uri; }
    }
    server {
        listen 80;
        server_name ~^www\d+\.example\.(net|com)$;
        location / { return 200 "numbered"; }
    }
    server {
        listen 443 ssl;
        listen 8080;
        server_name secure.example.org;
        location / { proxy_pass http://backend; }
    }
    server {
        listen 127.0.0.1:8080;
        server_name local;
        location / { return 200 "loopback"; }
    }
}
"#;

/// The line of the first line of CONF containing `needle`.
fn line(needle: &str) -> usize {
    CONF.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("no line has {needle}")) + 1
}

/// What a row expects.
struct Row {
    request: &'static str,
    /// A text on the `server_name` line of the server expected (or on its `listen`).
    server: Option<&'static str>,
    /// A text on the line of the location expected; "" for none.
    location: &'static str,
    outcome: Outcome,
}

fn ret(code: u16, text: &str) -> Outcome {
    Outcome::Return { code, text: (!text.is_empty()).then(|| text.to_owned()) }
}

fn file(directive: &str, folder: &str, path: &str, index: &[&str]) -> Outcome {
    Outcome::Files {
        directive: directive.into(),
        folder: folder.into(),
        path: path.into(),
        index: index.iter().map(|s| s.to_string()).collect(),
        try_files: vec![],
    }
}

fn proxy(target: &str, servers: &[&str], uri: &str, rule: &str) -> Outcome {
    Outcome::Proxy {
        target: target.into(),
        servers: servers.iter().map(|s| s.to_string()).collect(),
        uri: uri.into(),
        rule: rule.into(),
    }
}

const WITH_URI: &str =
    "proxy_pass has a URI: the part of the URI that matches the location (/api/) is replaced by /v1/";
const AS_SENT: &str = "proxy_pass has no URI: the request's URI goes as the client sent it";

fn rows() -> Vec<Row> {
    let backend = ["127.0.0.1:8080", "127.0.0.1:8081"];
    let main = Some("server_name example.org www.example.org");
    vec![
        // Locations (ngx_http_core_module, "location").
        Row {
            request: "GET http://example.org/",
            server: main,
            location: "location = / {",
            outcome: ret(200, "exact root"),
        },
        Row {
            request: "GET http://example.org/index.html",
            server: main,
            location: "location / {",
            outcome: file("root", "/srv/www", "/srv/www/index.html", &[]),
        },
        Row {
            request: "GET http://example.org/documents/",
            server: main,
            location: "location /documents/ {",
            outcome: file("root", "/srv/docs", "/srv/docs/documents/", &["index.html"]),
        },
        // ^~ on the longest prefix: no regular expression is tried.
        Row {
            request: "GET http://example.org/images/1.gif",
            server: main,
            location: "location ^~ /images/ {",
            outcome: file("alias", "/srv/img/", "/srv/img/1.gif", &[]),
        },
        // ^~ on a shorter prefix than the longest does not stop them.
        Row {
            request: "GET http://example.org/images/big/1.gif",
            server: main,
            location: "location ~* \\.(gif|jpg|jpeg)$ {",
            outcome: file("root", "/srv/media", "/srv/media/images/big/1.gif", &[]),
        },
        Row {
            request: "GET http://example.org/images/big/1.png",
            server: main,
            location: "location /images/big/ {",
            outcome: file("root", "/srv/big", "/srv/big/images/big/1.png", &[]),
        },
        // A regular expression beats the longest prefix, whatever its length.
        Row {
            request: "GET http://example.org/documents/1.jpg",
            server: main,
            location: "location ~* \\.(gif|jpg|jpeg)$ {",
            outcome: file("root", "/srv/media", "/srv/media/documents/1.jpg", &[]),
        },
        // The first regular expression in order of appearance wins; ~* ignores case.
        Row {
            request: "GET http://example.org/documents/secret.JPG",
            server: main,
            location: "location ~* \\.(gif|jpg|jpeg)$ {",
            outcome: file("root", "/srv/media", "/srv/media/documents/secret.JPG", &[]),
        },
        Row {
            request: "GET http://example.org/documents/secret.txt",
            server: main,
            location: "location ~ ^/documents/secret {",
            outcome: ret(403, ""),
        },
        // Prefixes and ~ compare with case.
        Row {
            request: "GET http://example.org/DOCUMENTS/secret",
            server: main,
            location: "location / {",
            outcome: file("root", "/srv/www", "/srv/www/DOCUMENTS/secret", &[]),
        },
        // The URI is normalized before matching.
        Row {
            request: "GET http://example.org/a/../images//x.png",
            server: main,
            location: "location ^~ /images/ {",
            outcome: file("alias", "/srv/img/", "/srv/img/x.png", &[]),
        },
        // proxy_pass with a URI replaces the location's part (ngx_http_proxy_module).
        Row {
            request: "GET http://example.org/api/users?id=3",
            server: main,
            location: "location /api/ {",
            outcome: proxy("http://backend/v1/", &backend, "/v1/users?id=3", WITH_URI),
        },
        // A proxied prefix location ending with / redirects its name without it.
        Row {
            request: "GET http://example.org/api",
            server: main,
            location: "location /api/ {",
            outcome: ret(301, "/api/"),
        },
        Row {
            request: "POST http://example.org/app/x?q=1",
            server: main,
            location: "location /app {",
            outcome: proxy("http://127.0.0.1:3000", &["127.0.0.1:3000"], "/app/x?q=1", AS_SENT),
        },
        // Nested locations: the nested prefix, then the nested regular
        // expressions, then the outer ones.
        Row {
            request: "GET http://example.org/nested/deep/x",
            server: main,
            location: "location /nested/deep/ {",
            outcome: ret(204, ""),
        },
        Row {
            request: "GET http://example.org/nested/a.php",
            server: main,
            location: "location ~ \\.php$ {",
            outcome: Outcome::Pass { directive: "fastcgi_pass".into(), target: "unix:/run/php.sock".into() },
        },
        Row {
            request: "GET http://example.org/nested/deep/a.php",
            server: main,
            location: "location ~ \\.php$ {",
            outcome: Outcome::Pass { directive: "fastcgi_pass".into(), target: "unix:/run/php.sock".into() },
        },
        Row {
            request: "GET http://example.org/nested/deep/a.txt",
            server: main,
            location: "location ~ /nested/.*\\.txt$ {",
            outcome: ret(410, ""),
        },
        // Server names ("Server names"): exact first.
        Row {
            request: "GET http://www.example.org/",
            server: main,
            location: "location = / {",
            outcome: ret(200, "exact root"),
        },
        // The longest wildcard starting with *; a server-level return answers before any location.
        Row {
            request: "GET http://blog.example.org/",
            server: Some("server_name *.example.org;"),
            location: "",
            outcome: ret(200, "wildcard"),
        },
        Row {
            request: "GET http://a.sub.example.org/",
            server: Some("server_name *.sub.example.org mail.*;"),
            location: "location / { return 200 \"longer wildcard\"; }",
            outcome: ret(200, "longer wildcard"),
        },
        // A wildcard ending with *.
        Row {
            request: "GET http://mail.example.com/",
            server: Some("server_name *.sub.example.org mail.*;"),
            location: "location / { return 200 \"longer wildcard\"; }",
            outcome: ret(200, "longer wildcard"),
        },
        // A wildcard starting with * beats one ending with *.
        Row {
            request: "GET http://mail.example.org/",
            server: Some("server_name *.example.org;"),
            location: "",
            outcome: ret(200, "wildcard"),
        },
        // .example.net matches example.net itself and beats a regular expression.
        Row {
            request: "GET http://example.net/x?y",
            server: Some("server_name .example.net;"),
            location: "location / { return 301",
            outcome: ret(301, "https://example.net/x?y"),
        },
        Row {
            request: "GET http://www7.example.net/",
            server: Some("server_name .example.net;"),
            location: "location / { return 301",
            outcome: ret(301, "https://www7.example.net/"),
        },
        // A regular expression, when nothing else matches.
        Row {
            request: "GET http://WWW42.example.com/",
            server: Some("server_name ~^www"),
            location: "location / { return 200 \"numbered\"; }",
            outcome: ret(200, "numbered"),
        },
        // No name matches: the default server of the port (default_server).
        Row {
            request: "GET http://unknown.test/",
            server: Some("server_name _;"),
            location: "",
            outcome: ret(444, ""),
        },
        // Sockets ("How nginx processes a request", listen): TLS on 443.
        Row {
            request: "GET https://secure.example.org/x",
            server: Some("server_name secure.example.org;"),
            location: "location / { proxy_pass http://backend; }",
            outcome: proxy("http://backend", &backend, "/x", AS_SENT),
        },
        Row {
            request: "GET http://secure.example.org:443/",
            server: Some("server_name secure.example.org;"),
            location: "",
            outcome: ret(400, "The plain HTTP request was sent to HTTPS port"),
        },
        // On *:8080 the first server listening there is the default; the
        // loopback server only takes connections to 127.0.0.1.
        Row {
            request: "GET http://local:8080/",
            server: Some("server_name secure.example.org;"),
            location: "location / { proxy_pass http://backend; }",
            outcome: proxy("http://backend", &backend, "/", AS_SENT),
        },
        Row {
            request: "GET http://127.0.0.1:8080/",
            server: Some("server_name local;"),
            location: "location / { return 200 \"loopback\"; }",
            outcome: ret(200, "loopback"),
        },
    ]
}

#[test]
fn the_table_agrees_with_nginx_rules() {
    let rows = rows();
    assert!(rows.len() >= 20);
    let mut failures = Vec::new();
    for row in &rows {
        let request = Request::parse(row.request).unwrap();
        let t = trace(CONF, &request).unwrap();
        let server = t.server.as_ref().map(|s| s.line);
        let expected_server = row.server.map(|needle| {
            let at = line(needle);
            // The server block the needle's line is in.
            CONF.lines()
                .take(at)
                .enumerate()
                .filter(|(_, l)| l.trim() == "server {")
                .map(|(i, _)| i + 1)
                .last()
                .unwrap()
        });
        let location = t.location.as_ref().map(|l| l.line);
        let expected_location = (!row.location.is_empty()).then(|| line(row.location));
        if server != expected_server || location != expected_location || t.outcome != row.outcome {
            failures.push(format!(
                "{}: server {server:?} (expected {expected_server:?}), location {location:?} (expected {expected_location:?}),\n  outcome {:?}\n  expected {:?}\n  steps {:#?}",
                row.request, t.outcome, row.outcome, t.steps
            ));
        }
        assert!(t.notes.is_empty(), "{}: {:?}", row.request, t.notes);
    }
    assert!(failures.is_empty(), "{} of {} rows differ:\n{}", failures.len(), rows.len(), failures.join("\n"));
}

#[test]
fn connections_nothing_takes_are_refused() {
    for (request, reason) in [
        ("GET http://example.org:9000/", "no server listens on port 9000"),
        ("GET https://example.org:80/", "0.0.0.0:80 does not speak TLS"),
    ] {
        let t = trace(CONF, &Request::parse(request).unwrap()).unwrap();
        match t.outcome {
            Outcome::Refused { reason: r } => assert!(r.starts_with(reason), "{request}: {r}"),
            other => panic!("{request}: {other:?}"),
        }
    }
}

#[test]
fn the_lines_involved_are_named() {
    let t = trace(CONF, &Request::parse("GET http://example.org/api/x").unwrap()).unwrap();
    for needle in [
        "server_name example.org www.example.org",
        "location /api/ {",
        "proxy_pass http://backend/v1/;",
        "upstream backend {",
    ] {
        assert!(t.lines.contains(&line(needle)), "{needle}: {:?}", t.lines);
    }
    let listen = CONF.lines().position(|l| l.trim() == "listen 80;").unwrap() + 1;
    assert!(t.lines.contains(&listen), "{:?}", t.lines);
}

#[test]
fn what_the_tracer_cannot_follow_is_noted() {
    let conf =
        "http { server { listen 80; location / { if ($x) { return 404; } rewrite ^ /y; } location ~ (?=a) { } } }";
    let t = trace(conf, &Request::parse("http://h/").unwrap()).unwrap();
    assert_eq!(t.notes.len(), 3, "{:?}", t.notes);
    let conf = "http { server { listen 80; location ~ /x { proxy_pass http://b/y; } } }";
    let t = trace(conf, &Request::parse("http://h/x").unwrap()).unwrap();
    assert!(
        matches!(t.outcome, Outcome::Refused { ref reason } if reason.contains("cannot have URI part")),
        "{:?}",
        t.outcome
    );
}
