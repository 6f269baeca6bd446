//! The tutorial's seven steps, each checked through `nixpen render` /
//! `nixpen options` / `nixpen eval` against what the playground must show
//! for it (see examples/README.md). Every check runs on the repository's own
//! tutorial (`examples/tutorial`) and on the article it follows
//! (`nixpen_testkit::ARTICLE`, data from outside the repository).

mod common;
use common::nixpen;

use std::path::PathBuf;

use serde_json::Value;

/// A folder of tutorial steps, and where its typo step's error points.
struct Steps {
    dir: PathBuf,
    /// `LINE:COLUMN` of `system` in step 3's `self.packages.${system}`.
    typo_at: &'static str,
}

/// The repository's own tutorial.
fn tutorial() -> Steps {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/tutorial").canonicalize().unwrap();
    Steps { dir, typo_at: "47:35" }
}

/// The article's steps, when its data is present (see `nixpen_testkit::require`).
fn article() -> Option<Steps> {
    nixpen_testkit::require(&nixpen_testkit::ARTICLE).map(|dir| Steps { dir, typo_at: "45:59" })
}

/// Two tests of one check: on our tutorial and on the article.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn tutorial() {
                super::$name(&super::tutorial());
            }
            #[test]
            fn article() {
                if let Some(steps) = super::article() {
                    super::$name(&steps);
                }
            }
        }
    )*};
}

on_both!(
    step0_is_a_go_package_without_a_system,
    step1_container_runs_nginx_behind_the_firewall,
    step2_declares_the_enable_option,
    step3_typo_is_an_undefined_variable_at_its_position,
    step4_fixed_but_not_imported_changes_nothing,
    step5_runs_gohello_behind_the_virtual_host,
    step6_port_option_drives_unit_and_proxy_and_is_type_checked,
);

/// `nixpen render STEP --json`, parsed.
fn render(steps: &Steps, step: &str) -> Value {
    let dir = steps.dir.join(step);
    let (ok, out, err) = nixpen(&["render", dir.to_str().unwrap(), "--json"]);
    assert!(ok, "render {step} failed:\n{err}");
    serde_json::from_str(&out).unwrap()
}

/// The rendering of `step`'s container with an extra NixOS module `module`.
fn render_with(steps: &Steps, step: &str, module: &str) -> Result<Value, String> {
    let dir = steps.dir.join(step);
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

fn step0_is_a_go_package_without_a_system(steps: &Steps) {
    let dir = steps.dir.join("0-gohello");
    let expr = format!("(import <nixpkgs/flake> {{ src = {}; }}).packages.x86_64-linux.default", dir.display());
    let (ok, out, err) = nixpen(&["eval", "--strict", "--expr", &format!("{expr}.name")]);
    assert!(ok, "{err}");
    assert!(out.trim().starts_with("\"web-server-"), "{out}");
    let (ok, out, _) = nixpen(&["eval", "--expr", &format!("{expr}.drvPath")]);
    assert!(ok && out.trim().ends_with(".drv\""), "{out}");
    let (ok, _, err) = nixpen(&["render", dir.to_str().unwrap()]);
    assert!(!ok && err.starts_with("error:") && err.contains("no nixosConfigurations"), "{err}");
}

fn step1_container_runs_nginx_behind_the_firewall(steps: &Steps) {
    assert_container_outputs(&render(steps, "1-container"));
}

fn step2_declares_the_enable_option(steps: &Steps) {
    assert_container_outputs(&render(steps, "2-module-template"));
    let (ok, out, err) = nixpen(&["options", steps.dir.join("2-module-template").to_str().unwrap(), "--json"]);
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

fn step3_typo_is_an_undefined_variable_at_its_position(steps: &Steps) {
    let step = steps.dir.join("3-systemd-typo");
    let (ok, _, err) = nixpen(&["render", step.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("error: undefined variable 'system'"), "{err}");
    assert!(err.contains(&format!("{}:{}", step.join("flake.nix").display(), steps.typo_at)), "{err}");
}

fn step4_fixed_but_not_imported_changes_nothing(steps: &Steps) {
    assert_container_outputs(&render(steps, "4-systemd"));
}

fn step5_runs_gohello_behind_the_virtual_host(steps: &Steps) {
    let r = render(steps, "5-final");
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

    let off =
        render_with(steps, "5-final", "{ lib, ... }: { xeserv.services.gohello.enable = lib.mkForce false; }").unwrap();
    assert!(!unit_names(&off).iter().any(|u| u.contains("gohello")));
    assert!(!nginx(&off).contains("gohello.local.cetacean.club"));
}

fn step6_port_option_drives_unit_and_proxy_and_is_type_checked(steps: &Steps) {
    let (ok, out, err) = nixpen(&["options", steps.dir.join("6-exercise-port").to_str().unwrap(), "--json"]);
    assert!(ok, "{err}");
    assert!(out.contains("\"xeserv.services.gohello.port\""), "{out}");

    let r = render_with(steps, "6-exercise-port", "{ xeserv.services.gohello.port = 8080; }").unwrap();
    assert!(r["units"]["xeserv.gohello.service"].as_str().unwrap().contains("--bind 127.0.0.1:8080"));
    assert!(nginx(&r).contains("proxy_pass http://127.0.0.1:8080"));

    let err = render_with(steps, "6-exercise-port", "{ xeserv.services.gohello.port = 70000; }").unwrap_err();
    assert!(
        err.contains("A definition for option `xeserv.services.gohello.port' is not of type `16 bit unsigned integer; between 0 and 65535 (both inclusive)'"),
        "{err}"
    );
}
