//! `config.system.build.nixpen` as Rust data, read from its JSON, and its
//! plain-text form for a terminal.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The firewall's open ports.
/// Field names are NixOS's (`allowedTCPPorts`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Firewall {
    /// Whether the firewall is on.
    #[serde(default)]
    pub enable: bool,
    /// Open TCP ports.
    #[serde(default, rename = "allowedTCPPorts")]
    pub allowed_tcp_ports: Vec<u32>,
    /// Open UDP ports.
    #[serde(default, rename = "allowedUDPPorts")]
    pub allowed_udp_ports: Vec<u32>,
    /// Open TCP port ranges `{ from, to }`.
    #[serde(default, rename = "allowedTCPPortRanges")]
    pub allowed_tcp_port_ranges: Vec<PortRange>,
    /// Open UDP port ranges `{ from, to }`.
    #[serde(default, rename = "allowedUDPPortRanges")]
    pub allowed_udp_port_ranges: Vec<PortRange>,
}

/// An inclusive range of ports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortRange {
    /// First port.
    pub from: u32,
    /// Last port.
    pub to: u32,
}

/// What NixOS would produce for a configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rendered {
    /// Unit file texts by file name (`nginx.service`, `backup.timer`, …).
    #[serde(default)]
    pub units: BTreeMap<String, String>,
    /// The text of `nginx.conf`, when nginx is enabled.
    #[serde(default)]
    pub nginx: Option<String>,
    /// `/etc` file texts by path relative to `/etc`.
    #[serde(default)]
    pub etc: BTreeMap<String, String>,
    /// The firewall's open ports, when the firewall is enabled.
    #[serde(default)]
    pub firewall: Option<Firewall>,
    /// NixOS's warnings (`config.warnings`).
    #[serde(default)]
    pub warnings: Vec<String>,
}

impl Rendered {
    /// Reads the JSON of `config.system.build.nixpen`.
    pub fn from_json(json: &str) -> Result<Rendered, String> {
        serde_json::from_str(json).map_err(|e| format!("unexpected shape of system.build.nixpen: {e}"))
    }

    /// The plain-text listing `nixpen render` prints: each file under a
    /// `==> path <==` header (as `tail` does for several files), then the ports.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut file = |name: &str, text: &str| {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("==> {name} <==\n{text}"));
            if !text.ends_with('\n') {
                out.push('\n');
            }
        };
        for (name, text) in &self.units {
            file(&format!("/etc/systemd/system/{name}"), text);
        }
        if let Some(conf) = &self.nginx {
            file("nginx.conf", conf);
        }
        for (name, text) in &self.etc {
            file(&format!("/etc/{name}"), text);
        }
        let ports = |list: &[u32], ranges: &[PortRange]| {
            let mut items: Vec<String> = list.iter().map(u32::to_string).collect();
            items.extend(ranges.iter().map(|r| format!("{}-{}", r.from, r.to)));
            if items.is_empty() {
                "none".to_string()
            } else {
                items.join(" ")
            }
        };
        let fw = match &self.firewall {
            Some(f) if f.enable => format!(
                "TCP: {}\nUDP: {}\n",
                ports(&f.allowed_tcp_ports, &f.allowed_tcp_port_ranges),
                ports(&f.allowed_udp_ports, &f.allowed_udp_port_ranges)
            ),
            _ => "disabled\n".to_string(),
        };
        file("firewall", &fw);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_prints_a_rendering() {
        let r = Rendered::from_json(
            r#"{"units":{"a.service":"[Unit]\nDescription=A\n"},"nginx":null,"etc":{"hostname":"h\n"},
                "firewall":{"enable":true,"allowedTCPPorts":[80,443],"allowedUDPPorts":[],
                "allowedTCPPortRanges":[{"from":8000,"to":8010}],"allowedUDPPortRanges":[],"interfaces":{}},
                "warnings":["w"],"scripts":{},"stateVersion":"24.11"}"#,
        )
        .unwrap();
        assert_eq!(r.firewall.as_ref().unwrap().allowed_tcp_ports, vec![80, 443]);
        assert_eq!(r.warnings, vec!["w"]);
        assert_eq!(
            r.to_text(),
            "==> /etc/systemd/system/a.service <==\n[Unit]\nDescription=A\n\n==> /etc/hostname <==\nh\n\n\
             ==> firewall <==\nTCP: 80 443 8000-8010\nUDP: none\n"
        );
    }

    #[test]
    fn a_wrong_shape_is_an_error_not_a_panic() {
        assert!(Rendered::from_json(r#"{"units":[1]}"#).unwrap_err().contains("system.build.nixpen"));
    }
}
