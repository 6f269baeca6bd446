//! A request to trace: `GET https://example.org/api/x?y=1`, its parts, and
//! the URI as nginx matches locations against it (normalized: `%XX`
//! decoded, `.` and `..` resolved, repeated slashes merged).

use std::net::IpAddr;

use serde::Serialize;

/// The request as nginx sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    /// `GET`, `POST`, ….
    pub method: String,
    /// `http` or `https`.
    pub scheme: String,
    /// The host name (the `Host` header and, over TLS, the SNI name),
    /// lowercase, without a final dot.
    pub host: String,
    /// The port connected to.
    pub port: u16,
    /// The URI as the client sent it (path and query).
    pub raw_uri: String,
    /// The normalized path locations are matched against (`$uri`).
    pub uri: String,
    /// The query, without `?` (`$args`), when there is one.
    pub args: Option<String>,
    /// The address the connection arrives at, when known (an address in
    /// the URL, or one given).
    pub address: Option<IpAddr>,
}

impl Request {
    /// Reads `[METHOD] URL`: the method defaults to `GET`, the scheme must
    /// be `http` or `https`, the port defaults to the scheme's.
    ///
    /// ```
    /// let r = nixpen_nginx::Request::parse("GET https://Example.org./a/../b//c%20d?x=1").unwrap();
    /// assert_eq!((r.host.as_str(), r.port, r.uri.as_str(), r.args.as_deref()), ("example.org", 443, "/b/c d", Some("x=1")));
    /// ```
    pub fn parse(text: &str) -> Result<Request, String> {
        let text = text.trim();
        let (method, url) = match text.split_once(char::is_whitespace) {
            Some((m, url)) => (m.to_owned(), url.trim()),
            None => ("GET".to_owned(), text),
        };
        if method.is_empty() || !method.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(format!("'{method}' is not an HTTP method"));
        }
        let (scheme, rest) = url.split_once("://").ok_or_else(|| format!("'{url}' is not a URL (no scheme://)"))?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            other => return Err(format!("the scheme '{other}' is not http or https")),
        };
        let rest = rest.split('#').next().unwrap_or("");
        let split = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, raw) = rest.split_at(split);
        let raw_uri = if raw.starts_with('/') { raw.to_owned() } else { format!("/{raw}") };
        let (host, port) = host_and_port(authority, default_port)?;
        let (path, args) = match raw_uri.split_once('?') {
            Some((p, a)) => (p, Some(a.to_owned())),
            None => (raw_uri.as_str(), None),
        };
        let uri = normalize(path)?;
        let address = host.trim_start_matches('[').trim_end_matches(']').parse().ok();
        Ok(Request { method, scheme, host, port, raw_uri, uri, args, address })
    }

    /// Whether it comes over TLS.
    pub fn tls(&self) -> bool {
        self.scheme == "https"
    }
}

/// The host (lowercase, no final dot) and port of `host[:port]`.
fn host_and_port(authority: &str, default_port: u16) -> Result<(String, u16), String> {
    let authority = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = if let Some(end) = authority.strip_prefix('[').and_then(|a| a.find(']')) {
        let host = &authority[..end + 2];
        (host, authority[end + 2..].strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("the URL has no host".into());
    }
    let port = match port {
        Some(p) => p.parse().map_err(|_| format!("'{p}' is not a port"))?,
        None => default_port,
    };
    Ok((host.trim_end_matches('.').to_ascii_lowercase(), port))
}

/// The path nginx matches locations against: `%XX` decoded, `.` and `..`
/// segments resolved, repeated slashes merged (`merge_slashes on`, the
/// default). A `..` above the root is a bad request, as in nginx.
///
/// ```
/// assert_eq!(nixpen_nginx::request::normalize("/a/./b/../c//d%2Fe").unwrap(), "/a/c/d/e");
/// assert!(nixpen_nginx::request::normalize("/../x").is_err());
/// ```
pub fn normalize(path: &str) -> Result<String, String> {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                decoded.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    let decoded = String::from_utf8_lossy(&decoded).into_owned();
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = decoded.split('/').collect();
    for (n, part) in parts.iter().enumerate() {
        let last = n + 1 == parts.len();
        match *part {
            "" if n > 0 && !last => {}
            "." => {
                if last {
                    segments.push("");
                }
            }
            ".." => {
                if segments.len() <= 1 {
                    return Err(format!("400 Bad Request: '{path}' goes above the root"));
                }
                segments.pop();
                if last {
                    segments.push("");
                }
            }
            p => segments.push(p),
        }
    }
    let joined = segments.join("/");
    Ok(if joined.starts_with('/') { joined } else { format!("/{joined}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let r = Request::parse("https://[::1]:8443/x").unwrap();
        assert_eq!((r.method.as_str(), r.host.as_str(), r.port), ("GET", "[::1]", 8443));
        assert_eq!(r.address, Some("::1".parse().unwrap()));
        let r = Request::parse("POST http://10.0.0.1?q").unwrap();
        assert_eq!((r.uri.as_str(), r.raw_uri.as_str(), r.args.as_deref()), ("/", "/?q", Some("q")));
        assert_eq!(r.address, Some("10.0.0.1".parse().unwrap()));
        assert!(Request::parse("ftp://x/").is_err());
        assert!(Request::parse("get http://x/").is_err());
        assert!(Request::parse("http:///x").is_err());
    }

    #[test]
    fn normalization() {
        for (raw, uri) in [("/", "/"), ("//a///b/", "/a/b/"), ("/a/.", "/a/"), ("/a/b/..", "/a/"), ("/%41%zz", "/A%zz")]
        {
            assert_eq!(normalize(raw).unwrap(), uri, "{raw}");
        }
    }
}
