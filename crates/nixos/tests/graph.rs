//! The unit graph of the tutorial's final flake (`nixpen_nixos::graph`),
//! with its owners from `system.build.nixpenUnitOwners` as the app asks
//! for them (`Target::unit_owners_expr`): gohello's unit is the user's
//! own, nginx's and the firewall's are NixOS's.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use nixpen_nixos::graph::unit_graph;
use nixpen_nixos::{Rendered, Target};

#[test]
fn the_final_flake_has_its_own_unit_and_nixos_units() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/tutorial/5-final");
    let dir = dir.canonicalize().unwrap().display().to_string();
    let target = Target::Flake { dir: dir.clone(), attr: Some("container".into()) };
    let rendered = Rendered::from_json(&common::nixpen(&target.render_expr()).unwrap()).unwrap();
    let owners: BTreeMap<String, Vec<String>> =
        serde_json::from_str(&common::nixpen(&target.unit_owners_expr(&[])).unwrap()).unwrap();
    let g = unit_graph(&rendered, &owners, &dir);
    let own: Vec<&str> = g.units.iter().filter(|u| u.own).map(|u| u.name.as_str()).collect();
    assert_eq!(own, ["xeserv.gohello.service"]);
    let edges: Vec<String> = g.edges.iter().map(|e| format!("{} {} {}", e.from, e.kind, e.to)).collect();
    for e in [
        "xeserv.gohello.service WantedBy multi-user.target",
        "nginx.service After network.target",
        "firewall.service Before network-pre.target",
    ] {
        assert!(edges.iter().any(|x| x == e), "{e} not in {edges:?}");
    }
    assert!(g.units.iter().any(|u| u.name == "multi-user.target" && !u.rendered));
}
