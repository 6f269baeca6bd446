//! The units of a render and how they depend on each other, read from the
//! unit files themselves: `After=`, `Before=`, `Wants=`, `Requires=`,
//! `BindsTo=`, `PartOf=` in `[Unit]`, `WantedBy=` and `RequiredBy=` in
//! `[Install]`; with which units are the user's own (defined in the
//! user's files: `system.build.nixpenUnitOwners`, from
//! [`crate::Target::unit_owners_expr`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::Rendered;

/// The keys that make edges, with their section.
const KEYS: [(&str, &str); 8] = [
    ("Unit", "After"),
    ("Unit", "Before"),
    ("Unit", "Wants"),
    ("Unit", "Requires"),
    ("Unit", "BindsTo"),
    ("Unit", "PartOf"),
    ("Install", "WantedBy"),
    ("Install", "RequiredBy"),
];

/// A unit of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Its name (`nginx.service`).
    pub name: String,
    /// Whether the render has its file (else it is only named, as
    /// `multi-user.target` is).
    pub rendered: bool,
    /// Whether the user's own files define it.
    pub own: bool,
}

/// A dependency, as the unit `from` writes it: `from` has `KEY=to`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// The unit whose file has the key.
    pub from: String,
    /// The key (`After`, `WantedBy`, …).
    pub kind: String,
    /// The unit named.
    pub to: String,
}

/// The units and their dependencies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitGraph {
    /// Every unit rendered or named, by name.
    pub units: Vec<Unit>,
    /// Every dependency, sorted.
    pub edges: Vec<Edge>,
}

/// The graph of `rendered`'s units; `owners` gives the files defining each
/// unit, and a unit is the user's own when one of them is under `user_dir`.
///
/// ```
/// use nixpen_nixos::{graph::unit_graph, Rendered};
/// let mut r = Rendered::default();
/// r.units.insert("a.service".into(), "[Unit]\nAfter=network.target\n\n[Install]\nWantedBy=multi-user.target\n".into());
/// let owners = [("a.service".to_owned(), vec!["/playground/flake.nix".to_owned()])].into();
/// let g = unit_graph(&r, &owners, "/playground");
/// assert_eq!(g.edges.len(), 2);
/// assert!(g.units.iter().any(|u| u.name == "a.service" && u.own && u.rendered));
/// assert!(g.units.iter().any(|u| u.name == "multi-user.target" && !u.rendered));
/// ```
pub fn unit_graph(rendered: &Rendered, owners: &BTreeMap<String, Vec<String>>, user_dir: &str) -> UnitGraph {
    let mut edges = BTreeSet::new();
    let mut names = BTreeSet::new();
    for (file, text) in &rendered.units {
        // A drop-in (`NAME.d/overrides.conf`) belongs to its unit.
        let unit = file.split_once(".d/").map_or(file.as_str(), |(u, _)| u);
        names.insert(unit.to_owned());
        let mut section = "";
        for line in text.lines() {
            let line = line.trim();
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name;
            } else if let Some((key, value)) = line.split_once('=') {
                if KEYS.contains(&(section, key)) {
                    for to in value.split_whitespace() {
                        edges.insert(Edge { from: unit.to_owned(), kind: key.to_owned(), to: to.to_owned() });
                    }
                }
            }
        }
    }
    let prefix = format!("{}/", user_dir.trim_end_matches('/'));
    let own = |name: &str| owners.get(name).is_some_and(|files| files.iter().any(|f| f.starts_with(&prefix)));
    let mut units: Vec<Unit> = names.iter().map(|n| Unit { name: n.clone(), rendered: true, own: own(n) }).collect();
    let named: BTreeSet<&String> = edges.iter().map(|e| &e.to).filter(|t| !names.contains(*t)).collect();
    units.extend(named.into_iter().map(|n| Unit { name: n.clone(), rendered: false, own: own(n) }));
    UnitGraph { units, edges: edges.into_iter().collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_come_from_the_unit_and_install_sections() {
        let mut r = Rendered::default();
        r.units.insert(
            "web.service".into(),
            "[Unit]\nAfter=network.target db.service\nRequires=db.service\nPartOf=app.target\n\n[Service]\nAfter=ignored.service\n\n[Install]\nWantedBy=multi-user.target\n".into(),
        );
        r.units.insert("db.service".into(), "[Unit]\nBefore=web.service\n".into());
        r.units.insert("db.service.d/overrides.conf".into(), "[Unit]\nWants=backup.timer\n".into());
        let owners: BTreeMap<String, Vec<String>> = [
            ("web.service".to_owned(), vec!["/home/me/web.nix".to_owned()]),
            ("db.service".to_owned(), vec!["/nixpen/nixpkgs/nixos/modules/db.nix".to_owned()]),
        ]
        .into();
        let g = unit_graph(&r, &owners, "/home/me");
        let edges: Vec<String> = g.edges.iter().map(|e| format!("{} {} {}", e.from, e.kind, e.to)).collect();
        assert_eq!(
            edges,
            [
                "db.service Before web.service",
                "db.service Wants backup.timer",
                "web.service After db.service",
                "web.service After network.target",
                "web.service PartOf app.target",
                "web.service Requires db.service",
                "web.service WantedBy multi-user.target",
            ]
        );
        let units: Vec<(&str, bool, bool)> = g.units.iter().map(|u| (u.name.as_str(), u.rendered, u.own)).collect();
        assert_eq!(
            units,
            [
                ("db.service", true, false),
                ("web.service", true, true),
                ("app.target", false, false),
                ("backup.timer", false, false),
                ("multi-user.target", false, false),
                ("network.target", false, false),
            ]
        );
    }
}
