//! Tests on the firewall: whether a TCP or UDP port is let in, on every
//! interface or on one.

use nixpen_nixos::rendered::{Firewall, Ports, Protocol as FirewallProtocol};

use super::Verdict;
use crate::check::Protocol;

/// Whether `port` is open (`open`) or closed for `protocol`; with
/// `interface`, the ports open on that interface count too. With the
/// firewall off, every port is open.
pub fn port(firewall: &Firewall, port: u32, protocol: Protocol, interface: Option<&str>, open: bool) -> Verdict {
    let name = match protocol {
        Protocol::Tcp => "TCP",
        Protocol::Udp => "UDP",
    };
    if !firewall.enable {
        return Verdict::when(open, || format!("the firewall is off, so {name} port {port} is open like every port"));
    }
    let mut lists = vec![firewall.everywhere()];
    lists.extend(interface.and_then(|name| firewall.interfaces.get(name)).cloned());
    let found = lists.iter().any(|ports| lets_in(ports, protocol, port));
    if found == open {
        return Verdict::pass();
    }
    let proto = match protocol {
        Protocol::Tcp => FirewallProtocol::Tcp,
        Protocol::Udp => FirewallProtocol::Udp,
    };
    let items: Vec<String> = lists.iter().flat_map(|ports| ports.items(proto, "–")).collect();
    let items = if items.is_empty() { "none".to_owned() } else { items.join(", ") };
    let place = interface.map(|i| format!(" (on every interface or on {i})")).unwrap_or_default();
    Verdict::fail(format!("the {name} ports the firewall lets in{place}: {items}"))
}

/// Whether `ports` opens `port` for `protocol`, singly or in a range.
fn lets_in(ports: &Ports, protocol: Protocol, port: u32) -> bool {
    let (single, ranges) = match protocol {
        Protocol::Tcp => (&ports.allowed_tcp_ports, &ports.allowed_tcp_port_ranges),
        Protocol::Udp => (&ports.allowed_udp_ports, &ports.allowed_udp_port_ranges),
    };
    single.contains(&port) || ranges.iter().any(|r| (r.from..=r.to).contains(&port))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nixpen_nixos::rendered::PortRange;

    fn firewall() -> Firewall {
        let mut fw = Firewall {
            enable: true,
            allowed_tcp_ports: vec![80, 443],
            allowed_udp_port_ranges: vec![PortRange { from: 60000, to: 60010 }],
            ..Firewall::default()
        };
        fw.interfaces.insert("eth0".into(), Ports { allowed_tcp_ports: vec![22], ..Ports::default() });
        fw
    }

    #[test]
    fn ports_and_ranges_are_open() {
        assert!(port(&firewall(), 80, Protocol::Tcp, None, true).passed);
        assert!(port(&firewall(), 60005, Protocol::Udp, None, true).passed);
        assert!(port(&firewall(), 80, Protocol::Udp, None, false).passed);
        assert!(port(&firewall(), 22, Protocol::Tcp, Some("eth0"), true).passed);
        assert!(port(&firewall(), 22, Protocol::Tcp, None, false).passed);
    }

    #[test]
    fn a_closed_port_lists_the_open_ones() {
        let v = port(&firewall(), 8080, Protocol::Tcp, None, true);
        assert_eq!(v.detail.as_deref(), Some("the TCP ports the firewall lets in: 80, 443"));
        let v = port(&firewall(), 53, Protocol::Udp, Some("eth0"), true);
        assert_eq!(
            v.detail.as_deref(),
            Some("the UDP ports the firewall lets in (on every interface or on eth0): 60000–60010")
        );
        let v = port(&firewall(), 80, Protocol::Tcp, None, false);
        assert_eq!(v.detail.as_deref(), Some("the TCP ports the firewall lets in: 80, 443"));
    }

    #[test]
    fn without_a_firewall_every_port_is_open() {
        let off = Firewall::default();
        assert!(port(&off, 8080, Protocol::Tcp, None, true).passed);
        let v = port(&off, 22, Protocol::Tcp, None, false);
        assert_eq!(v.detail.as_deref(), Some("the firewall is off, so TCP port 22 is open like every port"));
    }
}
