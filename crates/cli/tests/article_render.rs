//! The tutorial's seven steps (`../shared/examples/article`), each checked
//! through `nixpen render` / `nixpen options` / `nixpen eval` against what the
//! article's README table says the playground must show.

mod common;
use common::nixpen;

use std::path::PathBuf;

use serde_json::Value;

/// The article's folder, or `None` (with a visible message) when `shared/` is absent.
fn article() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/article");
    match dir.canonicalize() {
        Ok(d) => Some(d),
        Err(_) => {
            eprintln!("skipped: {} not found (shared/ must sit beside the repository)", dir.display());
            None
        }
    }
}

/// `nixpen render STEP --json`, parsed.
fn render(step: &str) -> Value {
    let dir = article().unwrap().join(step);
    let (ok, out, err) = nixpen(&["render", dir.to_str().unwrap(), "--json"]);
    assert!(ok, "render {step} failed:\n{err}");
    serde_json::from_str(&out).unwrap()
}

/// The rendering of `step`'s container with an extra NixOS module `module`.
fn render_with(step: &str, module: &str) -> Result<Value, String> {
    let dir = article().unwrap().join(step);
    let expr = format!(
        "((import <nixpkgs/flake> {{ src = {}; }}).nixosConfigurations.container.extendModules \
         {{ modules = [ ({module}) ]; }}).config.system.build.nixpen",
        dir.display()
    );
    let (ok, out, err) = nixpen(&["eval", "--strict", "--json", "--expr", &expr]);
    if ok {
        Ok(serde_json::from_str(&out).unwrap())
    } else {
        Err(err)
    }
}

fn unit_names(r: &Value) -> Vec<String> {
    r["units"].as_object().unwrap().keys().cloned().collect()
}

fn nginx(r: &Value) -> &str {
    r["nginx"].as_str().expect("nginx.conf rendered")
}

/// The outputs steps 1, 2 and 4 share: nginx with its default configuration,
/// port 80 open, hostname `gohello`, no gohello service.
fn assert_container_outputs(r: &Value) {
    let units = unit_names(r);
    assert!(units.contains(&"nginx.service".to_string()), "units: {units:?}");
    assert!(!units.iter().any(|u| u.contains("gohello")), "units: {units:?}");
    assert!(nginx(r).contains("http {"), "no http block:\n{}", nginx(r));
    assert!(!nginx(r).contains("server_name"), "the default nginx.conf has no virtual host");
    assert_eq!(r["firewall"]["allowedTCPPorts"], serde_json::json!([80]));
    assert_eq!(r["etc"]["hostname"], "gohello\n");
}

#[test]
fn step0_is_a_go_package_without_a_system() {
    let Some(dir) = article() else { return };
    let dir = dir.join("0-gohello");
    let expr = format!("(import <nixpkgs/flake> {{ src = {}; }}).packages.x86_64-linux.default", dir.display());
    let (ok, out, err) = nixpen(&["eval", "--strict", "--expr", &format!("{expr}.name")]);
    assert!(ok, "{err}");
    assert!(out.trim().starts_with("\"web-server-"), "{out}");
    let (ok, out, _) = nixpen(&["eval", "--expr", &format!("{expr}.drvPath")]);
    assert!(ok && out.trim().ends_with(".drv\""), "{out}");
    let (ok, _, err) = nixpen(&["render", dir.to_str().unwrap()]);
    assert!(!ok && err.starts_with("error:") && err.contains("no nixosConfigurations"), "{err}");
}

#[test]
fn step1_container_runs_nginx_behind_the_firewall() {
    if article().is_none() {
        return;
    }
    assert_container_outputs(&render("1-container"));
}

#[test]
fn step2_declares_the_enable_option() {
    let Some(dir) = article() else { return };
    assert_container_outputs(&render("2-module-template"));
    let (ok, out, err) = nixpen(&["options", dir.join("2-module-template").to_str().unwrap(), "--json"]);
    assert!(ok, "{err}");
    let options: Value = serde_json::from_str(&out).unwrap();
    let enable = options
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "xeserv.services.gohello.enable")
        .expect("enable option listed");
    assert_eq!(enable["type"], "boolean");
    assert_eq!(enable["default"]["text"], "false");
}

#[test]
fn step3_typo_is_an_undefined_variable_at_its_position() {
    let Some(dir) = article() else { return };
    let step = dir.join("3-systemd-typo");
    let (ok, _, err) = nixpen(&["render", step.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("error: undefined variable 'system'"), "{err}");
    assert!(err.contains(&format!("{}:45:59", step.join("flake.nix").display())), "{err}");
}

#[test]
fn step4_fixed_but_not_imported_changes_nothing() {
    if article().is_none() {
        return;
    }
    assert_container_outputs(&render("4-systemd"));
}

#[test]
fn step5_runs_gohello_behind_the_virtual_host() {
    if article().is_none() {
        return;
    }
    let r = render("5-final");
    let unit = r["units"]["xeserv.gohello.service"].as_str().expect("xeserv.gohello.service rendered");
    for line in ["DynamicUser=yes", "CacheDirectory=xeserv.gohello", "WantedBy=multi-user.target", "Restart=on-failure"]
    {
        assert!(unit.contains(line), "missing {line:?} in\n{unit}");
    }
    let exec = unit.lines().find(|l| l.starts_with("ExecStart=")).unwrap();
    assert!(
        exec.starts_with("ExecStart=/nix/store/") && exec.ends_with("-web-server-19700101/bin/web-server"),
        "{exec}"
    );
    let conf = nginx(&r);
    assert!(conf.contains("server_name gohello.local.cetacean.club"), "{conf}");
    assert!(conf.contains("proxy_pass http://127.0.0.1:3031"), "{conf}");

    let off = render_with("5-final", "{ lib, ... }: { xeserv.services.gohello.enable = lib.mkForce false; }").unwrap();
    assert!(!unit_names(&off).iter().any(|u| u.contains("gohello")));
    assert!(!nginx(&off).contains("gohello.local.cetacean.club"));
}

#[test]
fn step6_port_option_drives_unit_and_proxy_and_is_type_checked() {
    let Some(dir) = article() else { return };
    let (ok, out, err) = nixpen(&["options", dir.join("6-exercise-port").to_str().unwrap(), "--json"]);
    assert!(ok, "{err}");
    assert!(out.contains("\"xeserv.services.gohello.port\""), "{out}");

    let r = render_with("6-exercise-port", "{ xeserv.services.gohello.port = 8080; }").unwrap();
    assert!(r["units"]["xeserv.gohello.service"].as_str().unwrap().contains("--bind 127.0.0.1:8080"));
    assert!(nginx(&r).contains("proxy_pass http://127.0.0.1:8080"));

    let err = render_with("6-exercise-port", "{ xeserv.services.gohello.port = 70000; }").unwrap_err();
    assert!(
        err.contains("A definition for option `xeserv.services.gohello.port' is not of type `16 bit unsigned integer; between 0 and 65535 (both inclusive)'"),
        "{err}"
    );
}
