//! `nixpen explain`: an option's definitions with their places, priorities
//! and the winner (`Restart` set by `mkDefault` in one file and plainly in
//! another, `tests/explain/`), a rendered file's lines with the options
//! they come from, JSON, and the CLI's error contract.

mod common;
use common::nixpen;

use std::path::PathBuf;

use serde_json::Value;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/explain").join(name).display().to_string()
}

fn tutorial() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/tutorial/5-final").display().to_string()
}

#[test]
fn names_both_definitions_of_restart_and_the_winner() {
    let module = fixture("configuration.nix");
    let (ok, out, err) = nixpen(&["explain", &module, "systemd.services.web.serviceConfig.Restart"]);
    assert!(ok, "{err}");
    let configuration = format!("{}:10:5  plain (100)  [wins]", fixture("configuration.nix"));
    let hardening = format!("{}:4:5  mkDefault (1000) in a plain (100) definition", fixture("hardening.nix"));
    assert!(out.contains(&configuration), "{out}");
    assert!(out.contains(&hardening), "{out}");
    assert!(out.contains("  value: \"on-failure\"\n"), "{out}");
    assert!(out.contains("attribute of: systemd.services.web.serviceConfig"), "{out}");
    assert!(
        out.contains("why: The definition at configuration.nix:10:5 (plain, priority 100) wins over hardening.nix:4:5"),
        "{out}"
    );
}

#[test]
fn json_gives_each_definition_with_its_priority() {
    let module = fixture("configuration.nix");
    let (ok, out, err) = nixpen(&["explain", &module, "systemd.services.web.serviceConfig.Restart", "--json"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kind"], "attribute");
    assert_eq!(v["value"], "on-failure");
    let defs: Vec<(String, u64, String, bool)> = v["definitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
            (
                file,
                d["line"].as_u64().unwrap(),
                d["priorityName"].as_str().unwrap().to_owned(),
                d["won"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        defs,
        [
            ("configuration.nix".into(), 10, "plain".into(), true),
            ("hardening.nix".into(), 4, "mkDefault".into(), false)
        ]
    );
}

#[test]
fn a_declared_option_shows_its_declaration_and_default() {
    let module = fixture("configuration.nix");
    let (ok, out, err) = nixpen(&["explain", &module, "systemd.services.web.description"]);
    assert!(ok, "{err}");
    assert!(out.contains("declared at: /nixpen/nixpkgs/nixos/modules/system/systemd/unit-options.nix:"), "{out}");
    assert!(out.contains("(the option's default)  option default (1500)"), "{out}");
    assert!(out.contains(&format!("{}:7:5  plain (100)  [wins]", module)), "{out}");
}

#[test]
fn a_unit_file_maps_its_lines_to_options() {
    let module = fixture("configuration.nix");
    let (ok, out, err) = nixpen(&["explain", &module, "--file", "units/web.service"]);
    assert!(ok, "{err}");
    let expect = [
        format!("Description=web server\n      <- systemd.services.web.description  ({module}:7:5)\n"),
        format!("Restart=on-failure\n      <- systemd.services.web.serviceConfig.Restart  ({module}:10:5)\n"),
        format!(
            "ProtectHome=true\n      <- systemd.services.web.serviceConfig.ProtectHome  ({}:5:5)\n",
            fixture("hardening.nix")
        ),
        "WantedBy=multi-user.target\n      <- systemd.services.web.wantedBy".to_owned(),
        "[Service]\n      note: section header written by NixOS's unit renderer\n".to_owned(),
        "<- systemd.services.web.path  (/nixpen/nixpkgs/nixos/modules/system/systemd/unit-options.nix:".to_owned(),
    ];
    for e in expect {
        assert!(out.contains(&e), "missing {e:?} in\n{out}");
    }
}

#[test]
fn the_tutorial_unit_and_nginx_conf_name_the_flake_lines() {
    let (ok, out, err) = nixpen(&["explain", &tutorial(), "--file", "units/xeserv.gohello.service"]);
    assert!(ok, "{err}");
    assert!(out.contains("Restart=on-failure\n"), "{out}");
    assert!(out.contains("<- systemd.services.\"xeserv.gohello\".serviceConfig.Restart  ("), "{out}");
    assert!(out.contains("5-final/flake.nix:68:19)"), "{out}");
    let (ok, out, err) = nixpen(&["explain", &tutorial(), "--file", "nginx.conf", "--json"]);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let text = v["texts"]["nginx.conf"].as_str().unwrap();
    let lines = v["files"]["nginx.conf"].as_array().unwrap();
    assert_eq!(lines.len(), text.lines().count());
    let at = |needle: &str| lines[text.lines().position(|l| l.contains(needle)).unwrap()]["options"].clone();
    assert_eq!(
        at("proxy_pass"),
        serde_json::json!(["services.nginx.virtualHosts.\"gohello.local.cetacean.club\".locations.\"/\".proxyPass"])
    );
    assert_eq!(at("server_name"), serde_json::json!(["services.nginx.virtualHosts.\"gohello.local.cetacean.club\""]));
    let pid = &lines[text.lines().position(|l| l.starts_with("pid ")).unwrap()];
    assert!(pid["note"].as_str().unwrap().contains("written by NixOS's nginx module"), "{pid}");
    let proxy = &v["options"]["services.nginx.virtualHosts.\"gohello.local.cetacean.club\".locations.\"/\".proxyPass"];
    assert_eq!(proxy["value"], "http://127.0.0.1:3031");
    assert!(proxy["definitions"].as_array().unwrap().iter().any(|d| d["won"] == true && d["line"] == 82));
}

#[test]
fn mistakes_are_errors_on_stderr() {
    let module = fixture("configuration.nix");
    for (args, message) in [
        (vec!["explain", &module, "services.nope"], "error: no option `services.nope' is declared"),
        (vec!["explain", &module, "a..b"], "error: 'a..b' is not an option path"),
        (
            vec!["explain", &module, "--file", "units/nope.service"],
            "error: no rendered file 'units/nope.service'; the files are: ",
        ),
        (vec!["explain", &module], "error: give an OPTION or --file NAME"),
        (vec!["explain", &module, "x", "y"], "error: unexpected argument 'y'"),
    ] {
        let (ok, out, err) = nixpen(&args);
        assert!(!ok && out.is_empty(), "{args:?}: {out}");
        assert!(err.starts_with(message), "{args:?}: {err}");
    }
}

#[test]
fn explains_an_option_whose_value_needs_a_stand_in_package() {
    let module = fixture("stand_in.nix");
    let (ok, out, err) = nixpen(&["explain", &module, "systemd.services.backup.serviceConfig.ExecStart"]);
    assert!(ok, "{err}");
    assert!(out.contains("zzbackuptool/bin/zzbackuptool run"), "{out}");
    let (ok, out, err) = nixpen(&["explain", &module, "--file", "units/backup.service"]);
    assert!(ok, "{err}");
    assert!(out.contains("ExecStart="), "{out}");
}
