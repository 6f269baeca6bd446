//! `config.system.build.nixpen` as Rust data: the one schema of what a
//! render produces, read by the CLI (`nixpen render`) and the playground
//! alike, and its plain-text form for a terminal.
//!
//! Field names in the JSON are those of the Nix result
//! (`crates/nixos/nixpkgs/nixos/modules/system/build.nix`), which uses
//! NixOS's own option names where there is one (`allowedTCPPorts`, …).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
    /// The firewall (`networking.firewall`).
    #[serde(default)]
    pub firewall: Firewall,
    /// NixOS's warnings (`config.warnings`).
    #[serde(default)]
    pub warnings: Vec<String>,
    /// The scripts the units run (`unit-script-*` and others), by store
    /// path. The playground does not ask for them (its render leaves them
    /// out, so this map is empty there).
    #[serde(default)]
    pub scripts: BTreeMap<String, String>,
    /// Options the configuration defines that Nixpen does not model (each
    /// also has a warning): NixOS options, or, without the option index,
    /// options not checked against NixOS's.
    #[serde(default)]
    pub unmodelled: Vec<Unmodelled>,
    /// Files the configuration imports that are not there; each was taken
    /// for an empty module (and has a warning).
    #[serde(default, rename = "missingImports")]
    pub missing_imports: Vec<MissingImport>,
    /// What `environment.systemPackages` installs, in its order.
    #[serde(default, rename = "systemPackages")]
    pub system_packages: Vec<Package>,
    /// What each user's `packages` installs, by user name (users with none
    /// are left out).
    #[serde(default, rename = "userPackages")]
    pub user_packages: BTreeMap<String, Vec<Package>>,
    /// Attribute paths of `pkgs` (`restic`, `python3Packages.requests`)
    /// that Nixpen's package set lacks and that the results use: stand-ins
    /// took their place (a warning names them).
    #[serde(default, rename = "standIns")]
    pub stand_ins: Vec<String>,
    /// Whether this is a first answer given before the browser had the
    /// files real configurations need (`crate::extra`), which this
    /// configuration needs: its unknown options are not checked yet.
    #[serde(default)]
    pub provisional: bool,
}

/// A definition of an option Nixpen does not model.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmodelled {
    /// The option's name (`services.caddy.enable`).
    pub option: String,
    /// The file of the definition.
    pub file: String,
    /// Its line, when known.
    #[serde(default)]
    pub line: Option<u32>,
    /// Its column, when known.
    #[serde(default)]
    pub column: Option<u32>,
    /// Whether the index of NixOS's options confirmed NixOS has it (false:
    /// accepted unchecked, the index not being loaded).
    #[serde(default)]
    pub checked: bool,
}

/// An imported file that is not there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingImport {
    /// The missing file's path (`/playground/hardware-configuration.nix`).
    pub file: String,
    /// The file whose `imports` names it (`the configuration` for a
    /// module given directly).
    #[serde(rename = "importedBy")]
    pub imported_by: String,
}

/// A package the system installs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    /// The derivation's name (`git-2.51.2`).
    pub name: String,
    /// Its store path.
    pub path: String,
    /// For a stand-in, the attribute path of `pkgs` it stands for.
    #[serde(default, rename = "standIn")]
    pub stand_in: Option<String>,
}

/// The firewall's state: whether it is on, the ports open on every
/// interface, and those open on one interface only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Firewall {
    /// Whether the firewall is on (`networking.firewall.enable`).
    #[serde(default)]
    pub enable: bool,
    /// Open TCP ports on every interface.
    #[serde(default, rename = "allowedTCPPorts")]
    pub allowed_tcp_ports: Vec<u32>,
    /// Open UDP ports on every interface.
    #[serde(default, rename = "allowedUDPPorts")]
    pub allowed_udp_ports: Vec<u32>,
    /// Open TCP port ranges on every interface.
    #[serde(default, rename = "allowedTCPPortRanges")]
    pub allowed_tcp_port_ranges: Vec<PortRange>,
    /// Open UDP port ranges on every interface.
    #[serde(default, rename = "allowedUDPPortRanges")]
    pub allowed_udp_port_ranges: Vec<PortRange>,
    /// Ports open on one interface (`networking.firewall.interfaces.<name>`).
    #[serde(default)]
    pub interfaces: BTreeMap<String, Ports>,
}

/// The ports open on one interface, under NixOS's option names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ports {
    /// Open TCP ports.
    #[serde(default, rename = "allowedTCPPorts")]
    pub allowed_tcp_ports: Vec<u32>,
    /// Open UDP ports.
    #[serde(default, rename = "allowedUDPPorts")]
    pub allowed_udp_ports: Vec<u32>,
    /// Open TCP port ranges.
    #[serde(default, rename = "allowedTCPPortRanges")]
    pub allowed_tcp_port_ranges: Vec<PortRange>,
    /// Open UDP port ranges.
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

/// A transport protocol of the firewall's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
}

impl Firewall {
    /// The ports open on every interface, as one interface's [`Ports`].
    pub fn everywhere(&self) -> Ports {
        Ports {
            allowed_tcp_ports: self.allowed_tcp_ports.clone(),
            allowed_udp_ports: self.allowed_udp_ports.clone(),
            allowed_tcp_port_ranges: self.allowed_tcp_port_ranges.clone(),
            allowed_udp_port_ranges: self.allowed_udp_port_ranges.clone(),
        }
    }

    /// Rows for a table of open ports: `("all interfaces", …)` first, then
    /// each interface with its own list.
    pub fn rows(&self) -> Vec<(String, Ports)> {
        let mut rows = vec![("all interfaces".to_owned(), self.everywhere())];
        rows.extend(self.interfaces.iter().map(|(name, ports)| (name.clone(), ports.clone())));
        rows
    }
}

impl Ports {
    /// The open ports of `protocol` as text items, single ports first, then
    /// ranges written `from` + `dash` + `to`.
    ///
    /// ```
    /// use nixpen_nixos::rendered::{Ports, PortRange, Protocol};
    /// let p = Ports { allowed_tcp_ports: vec![80], allowed_tcp_port_ranges: vec![PortRange { from: 8000, to: 8010 }], ..Ports::default() };
    /// assert_eq!(p.items(Protocol::Tcp, "-"), ["80", "8000-8010"]);
    /// assert!(p.items(Protocol::Udp, "-").is_empty());
    /// ```
    pub fn items(&self, protocol: Protocol, dash: &str) -> Vec<String> {
        let (single, ranges) = match protocol {
            Protocol::Tcp => (&self.allowed_tcp_ports, &self.allowed_tcp_port_ranges),
            Protocol::Udp => (&self.allowed_udp_ports, &self.allowed_udp_port_ranges),
        };
        let mut items: Vec<String> = single.iter().map(u32::to_string).collect();
        items.extend(ranges.iter().map(|r| format!("{}{dash}{}", r.from, r.to)));
        items
    }
}

impl Rendered {
    /// Reads the JSON of `config.system.build.nixpen`.
    pub fn from_json(json: &str) -> Result<Rendered, String> {
        serde_json::from_str(json).map_err(|e| format!("unexpected shape of system.build.nixpen: {e}"))
    }

    /// The JSON `nixpen render --json` prints: every field of this type.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
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
        let paths = |packages: &[Package]| packages.iter().map(|p| format!("{}\n", p.path)).collect::<String>();
        if !self.system_packages.is_empty() {
            file("environment.systemPackages", &paths(&self.system_packages));
        }
        for (user, packages) in &self.user_packages {
            file(&format!("users.users.{user}.packages"), &paths(packages));
        }
        file("firewall", &self.firewall_text());
        out
    }

    /// The firewall as `nixpen render` prints it: `disabled`, or the TCP and
    /// UDP ports open everywhere, then those of each interface.
    pub fn firewall_text(&self) -> String {
        let fw = &self.firewall;
        if !fw.enable {
            return "disabled\n".to_owned();
        }
        let list = |ports: &Ports, protocol| {
            let items = ports.items(protocol, "-");
            if items.is_empty() {
                "none".to_owned()
            } else {
                items.join(" ")
            }
        };
        let mut text = String::new();
        for (name, ports) in fw.rows() {
            let prefix = if name == "all interfaces" { String::new() } else { format!("{name} ") };
            text.push_str(&format!(
                "{prefix}TCP: {}\n{prefix}UDP: {}\n",
                list(&ports, Protocol::Tcp),
                list(&ports, Protocol::Udp)
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = r#"{"units":{"a.service":"[Unit]\nDescription=A\n"},"nginx":null,"etc":{"hostname":"h\n"},
        "firewall":{"enable":true,"allowedTCPPorts":[80,443],"allowedUDPPorts":[],
        "allowedTCPPortRanges":[{"from":8000,"to":8010}],"allowedUDPPortRanges":[],
        "interfaces":{"eth0":{"allowedTCPPorts":[22],"allowedUDPPorts":[],"allowedTCPPortRanges":[],"allowedUDPPortRanges":[]}}},
        "warnings":["w"],"scripts":{},"stateVersion":"24.11"}"#;

    #[test]
    fn reads_and_prints_a_rendering() {
        let r = Rendered::from_json(JSON).unwrap();
        assert_eq!(r.firewall.allowed_tcp_ports, vec![80, 443]);
        assert_eq!(r.firewall.interfaces["eth0"].allowed_tcp_ports, vec![22]);
        assert_eq!(r.warnings, vec!["w"]);
        assert_eq!(
            r.to_text(),
            "==> /etc/systemd/system/a.service <==\n[Unit]\nDescription=A\n\n==> /etc/hostname <==\nh\n\n\
             ==> firewall <==\nTCP: 80 443 8000-8010\nUDP: none\neth0 TCP: 22\neth0 UDP: none\n"
        );
    }

    #[test]
    fn the_json_carries_every_field_back() {
        let r = Rendered::from_json(JSON).unwrap();
        let again = Rendered::from_json(&r.to_json()).unwrap();
        assert_eq!(again, r);
        assert!(r.to_json().contains(r#""interfaces":{"eth0""#), "{}", r.to_json());
    }

    #[test]
    fn reads_what_a_real_configuration_adds() {
        let r = Rendered::from_json(
            r#"{"unmodelled":[{"option":"services.caddy.enable","file":"/p/c.nix","line":3,"column":5,"checked":true}],
                "missingImports":[{"file":"/p/hardware-configuration.nix","importedBy":"/p/c.nix"}],
                "systemPackages":[{"name":"restic","path":"/nix/store/x-restic","standIn":"restic"}],
                "userPackages":{"alice":[{"name":"git-2.51.2","path":"/nix/store/y-git-2.51.2","standIn":null}]},
                "standIns":["restic"]}"#,
        )
        .unwrap();
        assert_eq!((r.unmodelled[0].option.as_str(), r.unmodelled[0].line), ("services.caddy.enable", Some(3)));
        assert_eq!(r.missing_imports[0].imported_by, "/p/c.nix");
        assert_eq!(r.system_packages[0].stand_in.as_deref(), Some("restic"));
        assert_eq!(r.stand_ins, ["restic"]);
        assert!(r.to_text().contains(
            "==> environment.systemPackages <==\n/nix/store/x-restic\n\n==> users.users.alice.packages <==\n/nix/store/y-git"
        ));
        assert_eq!(Rendered::from_json(&r.to_json()).unwrap(), r);
    }

    #[test]
    fn a_wrong_shape_is_an_error_not_a_panic() {
        assert!(Rendered::from_json(r#"{"units":[1]}"#).unwrap_err().contains("system.build.nixpen"));
    }
}
