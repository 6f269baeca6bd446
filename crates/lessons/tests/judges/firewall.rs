//! The firewall: single ports and ranges, on every interface or on one;
//! with the firewall off every port is open.

use nixpen_lessons::check::{Protocol, Test};

use crate::{expect, on};

const PORTS: &str = r#"
  networking.firewall.allowedTCPPorts = [ 80 443 ];
  networking.firewall.allowedUDPPortRanges = [ { from = 60000; to = 60010; } ];
  networking.firewall.interfaces.eth0.allowedTCPPorts = [ 22 ];
"#;

fn port(port: u32, protocol: Protocol, interface: Option<&str>, open: bool) -> Test {
    Test::Port { port, protocol, interface: interface.map(str::to_owned), open }
}

#[test]
fn ports_and_ranges_are_open() {
    let found = on(
        PORTS,
        vec![
            port(80, Protocol::Tcp, None, true),
            port(60005, Protocol::Udp, None, true),
            port(80, Protocol::Udp, None, false),
            port(22, Protocol::Tcp, Some("eth0"), true),
            port(22, Protocol::Tcp, None, false),
            port(22, Protocol::Tcp, Some("eth1"), false),
        ],
    );
    expect(&found, &[None; 6]);
}

#[test]
fn a_closed_port_lists_the_open_ones() {
    let found = on(
        PORTS,
        vec![
            port(8080, Protocol::Tcp, None, true),
            port(53, Protocol::Udp, Some("eth0"), true),
            port(80, Protocol::Tcp, None, false),
            port(8080, Protocol::Tcp, Some("eth0"), true),
        ],
    );
    expect(
        &found,
        &[
            Some("the TCP ports the firewall lets in: 80, 443"),
            Some("the UDP ports the firewall lets in (on every interface or on eth0): 60000–60010"),
            Some("the TCP ports the firewall lets in: 80, 443"),
            Some("the TCP ports the firewall lets in (on every interface or on eth0): 80, 443, 22"),
        ],
    );
    let none = on("", vec![port(80, Protocol::Tcp, None, true)]);
    expect(&none, &[Some("the TCP ports the firewall lets in: none")]);
}

#[test]
fn without_a_firewall_every_port_is_open() {
    let found = on(
        "networking.firewall.enable = false;",
        vec![port(8080, Protocol::Tcp, None, true), port(22, Protocol::Tcp, None, false)],
    );
    expect(&found, &[None, Some("the firewall is off, so TCP port 22 is open like every port")]);
}
