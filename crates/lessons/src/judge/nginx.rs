//! Tests on `nginx.conf`: whether it exists, and whether it holds a
//! directive, compared word by word so that spacing and the closing `;`
//! do not matter (`server_name example.org` matches
//! `server_name example.org www.example.org ;`).

use nixpen_nixos::Rendered;

use super::text::quoted;
use super::Verdict;

/// Whether nginx.conf exists, or holds `directive`, as `present` asks.
pub fn directive(system: &Rendered, directive: Option<&str>, present: bool) -> Verdict {
    let Some(conf) = system.nginx.as_deref() else {
        return Verdict::when(!present, || "there is no nginx.conf: nginx is not enabled".to_owned());
    };
    let Some(directive) = directive else {
        return Verdict::when(present, || "nginx.conf exists: nginx is enabled".to_owned());
    };
    let want: Vec<&str> = directive.split_whitespace().collect();
    let lines: Vec<Vec<&str>> = conf.lines().map(words).collect();
    let found = lines.iter().any(|line| line.len() >= want.len() && line[..want.len()] == want[..]);
    if found == present {
        return Verdict::pass();
    }
    if !present {
        return Verdict::fail(format!("nginx.conf has `{directive}`"));
    }
    let name = want.first().copied().unwrap_or_default();
    let same: Vec<String> =
        lines.iter().filter(|line| line.first() == Some(&name)).map(|line| line.join(" ")).collect();
    if same.is_empty() {
        Verdict::fail(format!("nginx.conf has no {name} directive"))
    } else {
        let same: Vec<&str> = same.iter().map(String::as_str).collect();
        Verdict::fail(format!("nginx.conf has {}", quoted(&same)))
    }
}

/// The words of one line of nginx.conf, without its comment and the `;` or
/// `{` that ends it.
fn words(line: &str) -> Vec<&str> {
    let line = line.split('#').next().unwrap_or("");
    let line = line.trim().trim_end_matches([';', '{']);
    line.split_whitespace().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system(conf: Option<&str>) -> Rendered {
        Rendered { nginx: conf.map(str::to_owned), ..Rendered::default() }
    }

    const CONF: &str = "http {\n\tserver {\n\t\tlisten 0.0.0.0:80 ;\n\t\tserver_name gohello.local.cetacean.club ;\n\
                        \t\tlocation / {\n\t\t\tproxy_pass http://127.0.0.1:3031;\n\t\t}\n\t}\n}\n";

    #[test]
    fn a_directive_is_found_word_by_word() {
        let s = system(Some(CONF));
        assert!(directive(&s, Some("server_name gohello.local.cetacean.club"), true).passed);
        assert!(directive(&s, Some("proxy_pass   http://127.0.0.1:3031"), true).passed);
        assert!(directive(&s, Some("listen 0.0.0.0:80"), true).passed);
        assert!(directive(&s, Some("location /"), true).passed);
        assert!(directive(&s, Some("proxy_pass http://127.0.0.1:8080"), false).passed);
    }

    #[test]
    fn a_missing_directive_shows_its_namesakes() {
        let s = system(Some(CONF));
        let v = directive(&s, Some("proxy_pass http://127.0.0.1:8080"), true);
        assert_eq!(v.detail.as_deref(), Some("nginx.conf has `proxy_pass http://127.0.0.1:3031`"));
        let v = directive(&s, Some("proxy_pass http://127.0.0.1:30"), true);
        assert!(!v.passed, "a prefix of a word is not the word");
        let v = directive(&s, Some("root /var/www"), true);
        assert_eq!(v.detail.as_deref(), Some("nginx.conf has no root directive"));
        let v = directive(&s, Some("listen 0.0.0.0:80"), false);
        assert_eq!(v.detail.as_deref(), Some("nginx.conf has `listen 0.0.0.0:80`"));
    }

    #[test]
    fn without_nginx_there_is_no_conf() {
        let v = directive(&system(None), Some("server_name x"), true);
        assert_eq!(v.detail.as_deref(), Some("there is no nginx.conf: nginx is not enabled"));
        assert!(directive(&system(None), None, false).passed);
        assert!(directive(&system(Some(CONF)), None, true).passed);
        assert!(!directive(&system(Some(CONF)), None, false).passed);
    }
}
