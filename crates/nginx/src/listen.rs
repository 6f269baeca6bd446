//! The `listen` directive: which address and port a server accepts
//! connections on, whether it is the default server there, and whether
//! the socket speaks TLS. A server without `listen` listens on `*:80`.

use std::net::IpAddr;

use crate::conf::Directive;

/// An address a server listens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addr {
    /// Every IPv4 address (`*`, `0.0.0.0`, or a port alone).
    AnyV4,
    /// Every IPv6 address (`[::]`).
    AnyV6,
    /// One address.
    Ip(IpAddr),
    /// A host name nginx resolves when it starts (not resolved here).
    Name(String),
    /// A UNIX-domain socket.
    Unix(String),
}

/// One `listen` directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listen {
    /// The address.
    pub addr: Addr,
    /// The port (80 when not given).
    pub port: u16,
    /// `default_server` (or the old `default`).
    pub default_server: bool,
    /// `ssl`: connections to this socket speak TLS.
    pub ssl: bool,
    /// Its line, or 0 for the implied `listen *:80`.
    pub line: usize,
}

impl Listen {
    /// Reads a `listen` directive; `None` for those that take no TCP
    /// connections (`quic`, which listens for HTTP/3 over UDP).
    pub fn parse(d: &Directive) -> Option<Listen> {
        let params = &d.args[1.min(d.args.len())..];
        if params.iter().any(|p| p == "quic") {
            return None;
        }
        let (addr, port) = address(d.arg(0));
        Some(Listen {
            addr,
            port,
            default_server: params.iter().any(|p| p == "default_server" || p == "default"),
            ssl: params.iter().any(|p| p == "ssl"),
            line: d.line,
        })
    }

    /// The implied `listen *:80` of a server without `listen`.
    pub fn implied() -> Listen {
        Listen { addr: Addr::AnyV4, port: 80, default_server: false, ssl: false, line: 0 }
    }

    /// The socket as text: `0.0.0.0:80` (also for `*:80` and `80`),
    /// `[::]:443`, `127.0.0.1:8080`.
    pub fn socket(&self) -> String {
        match &self.addr {
            Addr::AnyV4 => format!("0.0.0.0:{}", self.port),
            Addr::AnyV6 => format!("[::]:{}", self.port),
            Addr::Ip(IpAddr::V6(ip)) => format!("[{ip}]:{}", self.port),
            Addr::Ip(ip) => format!("{ip}:{}", self.port),
            Addr::Name(name) => format!("{name}:{}", self.port),
            Addr::Unix(path) => path.clone(),
        }
    }
}

/// The address and port of `listen`'s first argument.
fn address(text: &str) -> (Addr, u16) {
    if text.starts_with("unix:") {
        return (Addr::Unix(text.to_owned()), 0);
    }
    if let Ok(port) = text.parse::<u16>() {
        return (Addr::AnyV4, port);
    }
    let (host, port) = if let Some(end) = text.strip_prefix('[').and_then(|t| t.find(']')) {
        (&text[1..end + 1], text[end + 2..].strip_prefix(':'))
    } else {
        match text.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (text, None),
        }
    };
    let port = port.and_then(|p| p.parse().ok()).unwrap_or(80);
    let addr = match host {
        "*" | "0.0.0.0" => Addr::AnyV4,
        "localhost" => Addr::Ip(IpAddr::from([127, 0, 0, 1])),
        h => match h.parse::<IpAddr>() {
            Ok(ip) if ip.is_unspecified() && ip.is_ipv6() => Addr::AnyV6,
            Ok(ip) => Addr::Ip(ip),
            Err(_) => Addr::Name(h.to_owned()),
        },
    };
    (addr, port)
}

/// Which listens take a connection to `port` at `address` (unknown: an
/// address of the machine that no listen names, over IPv4, or IPv6 when
/// only IPv6 listens there): those naming that very address when there
/// are any, else those of the wildcard address of its family. Returns them
/// with the socket's description.
pub fn accepting<'a>(listens: &[&'a Listen], port: u16, address: Option<IpAddr>) -> (Vec<&'a Listen>, String) {
    let on_port: Vec<&Listen> = listens.iter().copied().filter(|l| l.port == port).collect();
    if let Some(ip) = address {
        let exact: Vec<&Listen> = on_port.iter().copied().filter(|l| l.addr == Addr::Ip(ip)).collect();
        if let Some(first) = exact.first() {
            let socket = first.socket();
            return (exact, socket);
        }
        let any = if ip.is_ipv4() { Addr::AnyV4 } else { Addr::AnyV6 };
        let wild: Vec<&Listen> = on_port.iter().copied().filter(|l| l.addr == any).collect();
        let socket = wild.first().map(|l| l.socket()).unwrap_or_default();
        return (wild, socket);
    }
    for any in [Addr::AnyV4, Addr::AnyV6] {
        let wild: Vec<&Listen> = on_port.iter().copied().filter(|l| l.addr == any).collect();
        if !wild.is_empty() {
            let socket = wild[0].socket();
            return (wild, socket);
        }
    }
    (Vec::new(), String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listen(args: &[&str]) -> Listen {
        let d = Directive {
            name: "listen".into(),
            args: args.iter().map(|s| s.to_string()).collect(),
            line: 1,
            block: None,
        };
        Listen::parse(&d).unwrap()
    }

    #[test]
    fn addresses_and_flags() {
        assert_eq!((listen(&["80"]).addr, listen(&["80"]).port), (Addr::AnyV4, 80));
        assert_eq!(listen(&["*:443", "ssl"]).socket(), "0.0.0.0:443");
        assert!(listen(&["0.0.0.0:443", "ssl"]).ssl);
        assert_eq!(listen(&["[::0]:80", "default_server"]).addr, Addr::AnyV6);
        assert!(listen(&["[::0]:80", "default_server"]).default_server);
        assert_eq!(listen(&["127.0.0.1"]).socket(), "127.0.0.1:80");
        assert_eq!(listen(&["[::1]:8080"]).socket(), "[::1]:8080");
        assert_eq!(listen(&["unix:/run/x.sock"]).addr, Addr::Unix("unix:/run/x.sock".into()));
        let quic =
            Directive { name: "listen".into(), args: vec!["0.0.0.0:443".into(), "quic".into()], line: 1, block: None };
        assert!(Listen::parse(&quic).is_none());
    }

    #[test]
    fn a_named_address_takes_its_own_connections() {
        let a = listen(&["127.0.0.1:80"]);
        let b = listen(&["80"]);
        let c = listen(&["[::]:80"]);
        let all = [&a, &b, &c];
        assert_eq!(accepting(&all, 80, Some("127.0.0.1".parse().unwrap())).1, "127.0.0.1:80");
        assert_eq!(accepting(&all, 80, Some("10.0.0.1".parse().unwrap())).1, "0.0.0.0:80");
        assert_eq!(accepting(&all, 80, Some("::1".parse().unwrap())).1, "[::]:80");
        assert_eq!(accepting(&all, 80, None).1, "0.0.0.0:80");
        assert!(accepting(&all, 81, None).0.is_empty());
        assert_eq!(accepting(&[&c], 80, None).1, "[::]:80");
    }
}
