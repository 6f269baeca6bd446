//! nginx.conf: a directive is found word by word (spacing, comments and
//! the closing `;` aside); when it is not, its namesakes are shown.

use nixpen_lessons::check::Test;

use crate::{expect, on};

const PROXY: &str = r#"
  services.nginx.enable = true;
  services.nginx.virtualHosts."demo.example.org".locations."/".proxyPass = "http://127.0.0.1:3031";
"#;

fn has(directive: &str, present: bool) -> Test {
    Test::Nginx { directive: Some(directive.into()), present }
}

fn conf(present: bool) -> Test {
    Test::Nginx { directive: None, present }
}

#[test]
fn a_directive_is_found_word_by_word() {
    let found = on(
        PROXY,
        vec![
            has("server_name demo.example.org", true),
            has("proxy_pass   http://127.0.0.1:3031", true),
            has("listen 0.0.0.0:80", true),
            has("location /", true),
            has("error_log stderr", true),
            has("proxy_pass http://127.0.0.1:8080", false),
        ],
    );
    expect(&found, &[None; 6]);
}

#[test]
fn a_missing_directive_shows_its_namesakes() {
    let found = on(
        PROXY,
        vec![
            has("proxy_pass http://127.0.0.1:8080", true),
            has("proxy_pass http://127.0.0.1:30", true),
            has("root /var/www", true),
            has("listen 0.0.0.0:80", false),
            has("listen 0.0.0.0:443", true),
        ],
    );
    expect(
        &found,
        &[
            Some("nginx.conf has `proxy_pass http://127.0.0.1:3031`"),
            // A prefix of a word is not the word.
            Some("nginx.conf has `proxy_pass http://127.0.0.1:3031`"),
            Some("nginx.conf has no root directive"),
            Some("nginx.conf has `listen 0.0.0.0:80`"),
            Some("nginx.conf has `listen 0.0.0.0:80`, `listen [::0]:80`"),
        ],
    );
}

#[test]
fn without_nginx_there_is_no_conf() {
    let found = on("", vec![has("server_name x", true), conf(false), has("server_name x", false)]);
    expect(&found, &[Some("there is no nginx.conf: nginx is not enabled"), None, None]);
    let found = on(PROXY, vec![conf(true), conf(false)]);
    expect(&found, &[None, Some("nginx.conf exists: nginx is enabled")]);
}
