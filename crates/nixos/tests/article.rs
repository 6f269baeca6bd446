//! The article's steps (`nixpen_testkit::ARTICLE`, "Nix Flakes: Exposing
//! and using NixOS Modules") evaluated through Nixpen's nixpkgs tree
//! (`crates/nixos/nixpkgs`) must show what the article's README table says:
//! the gohello package, nginx.service and nginx.conf, port 80, hostname
//! `gohello`, the `undefined variable 'system'` error of step 3 with its
//! position, `xeserv.gohello.service` and the virtual host of step 5, and
//! the port option of step 6 with NixOS's type error for 70000.
//!
//! Every expression is evaluated by Nixpen's evaluator and by real Nix
//! (`nix-instantiate`, in a private chroot store under the target
//! directory), which must agree (`common::eval`). The article's folder is
//! data from outside the repository (`nixpen_testkit::ARTICLE`): without it
//! the tests fail, unless `NIXPEN_SKIP` names `article`.

mod common;

use common::{eval, parse_json, Json, JsonExt};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The folder holding the article's steps (see `nixpen_testkit::ARTICLE`).
fn article_dir() -> PathBuf {
    nixpen_testkit::ARTICLE.locate().expect("checked by can_run")
}

/// Whether the article is here (a test fails when it is not, unless
/// `NIXPEN_SKIP` names it).
fn can_run() -> bool {
    nixpen_testkit::require(&nixpen_testkit::ARTICLE).is_some()
}

/// The path of one step's folder, as a Nix path literal.
fn step(name: &str) -> String {
    let dir = article_dir().join(name);
    let dir = dir.canonicalize().unwrap_or(dir);
    dir.display().to_string()
}

/// The flake of one step.
fn flake(name: &str) -> String {
    format!("(import <nixpkgs/flake> {{ src = {}; }})", step(name))
}

/// The `container` configuration of one step, extended with `modules`
/// (Nix source of a list) when given.
fn container(name: &str, modules: Option<&str>) -> String {
    let base = format!("{}.nixosConfigurations.container", flake(name));
    match modules {
        None => base,
        Some(list) => format!("({base}.extendModules {{ modules = {list}; }})"),
    }
}

/// What Nixpen shows of a configuration: `config.system.build.nixpen`.
struct Rendered {
    units: BTreeMap<String, String>,
    nginx: Option<String>,
    etc: BTreeMap<String, String>,
    tcp_ports: Vec<f64>,
    scripts: BTreeMap<String, String>,
    warnings: Vec<String>,
}

/// Renders one step (optionally with extra modules) or returns Nix's error.
fn render(name: &str, modules: Option<&str>) -> Result<Rendered, String> {
    let json = eval(&format!("{}.config.system.build.nixpen", container(name, modules)))?;
    let value = parse_json(&json);
    let strings = |v: &Json| -> BTreeMap<String, String> {
        v.object().iter().map(|(k, v)| (k.clone(), v.string().to_string())).collect()
    };
    Ok(Rendered {
        units: strings(value.at("units")),
        nginx: match value.at("nginx") {
            Json::Null => None,
            v => Some(v.string().to_string()),
        },
        etc: strings(value.at("etc")),
        tcp_ports: value.at("firewall").at("allowedTCPPorts").array().iter().map(JsonExt::number).collect(),
        scripts: strings(value.at("scripts")),
        warnings: value.at("warnings").array().iter().map(|w| w.string().to_string()).collect(),
    })
}

/// Checks what steps 1, 2 and 4 share: nginx with the default
/// configuration, port 80, hostname gohello, and no gohello service.
fn assert_container_basics(r: &Rendered) {
    assert_eq!(r.units.keys().collect::<Vec<_>>(), ["firewall.service", "nginx.service"]);
    assert_port_80_open(r);
    let unit = &r.units["nginx.service"];
    for line in [
        "[Unit]\nAfter=network.target\nDescription=Nginx Web Server\nStartLimitIntervalSec=60\n\n[Service]\n",
        "X-StopIfChanged=false\n",
        "Restart=always\n",
        "User=nginx\n",
        "Group=nginx\n",
        "\n[Install]\nWantedBy=multi-user.target\n",
    ] {
        assert!(unit.contains(line), "nginx.service lacks {line:?}:\n{unit}");
    }
    assert!(
        unit.lines().any(|l| l.starts_with("ExecStart=/nix/store/")
            && l.contains("-nginx-")
            && l.contains("/bin/nginx -c '/nix/store/")
            && l.ends_with("-nginx.conf'")),
        "{unit}"
    );
    assert!(
        unit.lines().any(|l| l.starts_with("ExecStartPre=/nix/store/")
            && l.ends_with("-unit-script-nginx-pre-start/bin/nginx-pre-start")),
        "{unit}"
    );
    let conf = r.nginx.as_deref().expect("nginx.conf");
    assert!(
        conf.starts_with("pid /run/nginx/nginx.pid;\nerror_log stderr;\ndaemon off;\nevents {\n}\nhttp {\n"),
        "{conf}"
    );
    assert!(conf.contains("\tclient_max_body_size 10m;\n\tserver_tokens off;\n"), "{conf}");
    assert!(conf.ends_with("}\n"), "{conf}");
    assert!(!conf.contains("gohello"), "{conf}");
    assert_eq!(r.etc.get("hostname").map(String::as_str), Some("gohello\n"));
}

/// Checks that the firewall lets TCP port 80 in: in the firewall's ports
/// and as a rule of the start script firewall.service runs.
fn assert_port_80_open(r: &Rendered) {
    assert_eq!(r.tcp_ports, [80.0]);
    let unit = &r.units["firewall.service"];
    let start = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart=@"))
        .and_then(|l| l.strip_suffix(" firewall-start"))
        .unwrap_or_else(|| panic!("no ExecStart in {unit}"));
    let script = &r.scripts[start];
    assert!(script.contains("\nip46tables -A nixos-fw -p tcp --dport 80 -j nixos-fw-accept \n"), "{script}");
    assert_eq!(script.matches("--dport 80 ").count(), 1, "{script}");
}

#[test]
fn step0_gohello_has_a_package_and_no_nixos_configuration() {
    if !can_run() {
        return;
    }
    let f = flake("0-gohello");
    let name = eval(&format!("{f}.packages.x86_64-linux.default.name")).unwrap();
    let name = parse_json(&name);
    assert!(name.string().starts_with("web-server-"), "{}", name.string());
    let kind = eval(&format!("{f}.packages.x86_64-linux.default.type")).unwrap();
    assert_eq!(kind.trim(), "\"derivation\"");
    let out_path = parse_json(&eval(&format!("{f}.packages.x86_64-linux.default.outPath")).unwrap());
    assert!(out_path.string().starts_with("/nix/store/") && out_path.string().contains("-web-server-"));
    let app = parse_json(&eval(&format!("{f}.apps.x86_64-linux.default")).unwrap());
    assert_eq!(app.at("type").string(), "app");
    assert!(app.at("program").string().ends_with("/bin/web-server"));
    let systems = eval(&format!("builtins.attrNames {f}.packages")).unwrap();
    assert_eq!(systems.trim(), r#"["aarch64-darwin","aarch64-linux","x86_64-darwin","x86_64-linux"]"#);
    assert_eq!(eval(&format!("{f} ? nixosConfigurations")).unwrap().trim(), "false");
}

#[test]
fn step1_container_runs_nginx_with_port_80_open() {
    if !can_run() {
        return;
    }
    assert_container_basics(&render("1-container", None).unwrap());
}

#[test]
fn step2_module_template_declares_the_enable_option() {
    if !can_run() {
        return;
    }
    assert_container_basics(&render("2-module-template", None).unwrap());
    // The module is not imported yet: its options come from the
    // configuration extended with the flake's module, as the form shows them.
    let with_module = container("2-module-template", Some(&format!("[ {}.nixosModule ]", flake("2-module-template"))));
    let option = format!("{with_module}.options.xeserv.services.gohello.enable");
    assert_eq!(eval(&format!("{option}.type.name")).unwrap().trim(), "\"bool\"");
    assert_eq!(eval(&format!("{option}.default")).unwrap().trim(), "false");
    assert_eq!(eval(&format!("{option}.value")).unwrap().trim(), "false");
    let warnings =
        eval(&format!("(import <nixpkgs/flake/check.nix> {{ src = {}; }}).warnings", step("2-module-template")))
            .unwrap();
    assert_eq!(
        warnings.trim(),
        r#"["flake output attribute 'nixosModule' is deprecated; use 'nixosModules.default' instead"]"#
    );
}

#[test]
fn step3_typo_is_an_undefined_variable_at_its_position() {
    if !can_run() {
        return;
    }
    let err = render("3-systemd-typo", None).err().expect("step 3 must fail");
    assert!(err.contains("error: undefined variable 'system'"), "{err}");
    assert!(err.contains("3-systemd-typo/flake.nix:45:59"), "{err}");
}

#[test]
fn step4_fixed_module_changes_nothing_until_imported() {
    if !can_run() {
        return;
    }
    assert_container_basics(&render("4-systemd", None).unwrap());
}

#[test]
fn step5_final_adds_the_service_and_the_virtual_host() {
    if !can_run() {
        return;
    }
    let r = render("5-final", None).unwrap();
    assert_eq!(r.units.keys().collect::<Vec<_>>(), ["firewall.service", "nginx.service", "xeserv.gohello.service"]);
    assert_port_80_open(&r);
    let unit = &r.units["xeserv.gohello.service"];
    assert!(unit.starts_with("[Unit]\n\n[Service]\nEnvironment=\"LOCALE_ARCHIVE=/nix/store/"), "{unit}");
    let tail = unit.split_once("Environment=\"TZDIR=").expect("TZDIR").1.split_once('\n').unwrap().1;
    let lines: Vec<&str> = tail.lines().collect();
    assert_eq!(lines.len(), 12, "{unit}");
    assert_eq!(&lines[..3], ["CacheDirectory=xeserv.gohello", "CacheDirectoryMode=0750", "DynamicUser=yes"]);
    assert!(
        lines[3].starts_with("ExecStart=/nix/store/")
            && lines[3].ends_with("/bin/web-server")
            && lines[3].contains("-web-server-"),
        "{unit}"
    );
    assert_eq!(
        &lines[4..],
        [
            "Restart=on-failure",
            "RuntimeDirectory=xeserv.gohello",
            "RuntimeDirectoryMode=0755",
            "StateDirectory=xeserv.gohello",
            "StateDirectoryMode=0700",
            "",
            "[Install]",
            "WantedBy=multi-user.target",
        ]
    );
    let conf = r.nginx.as_deref().unwrap();
    let server = "\tserver {\n\t\tlisten 0.0.0.0:80 ;\n\t\tlisten [::0]:80 ;\n\t\tserver_name gohello.local.cetacean.club ;\n\t\tlocation / {\n\t\t\tproxy_pass http://127.0.0.1:3031;\n\t\t}\n\t}\n}\n";
    assert!(conf.ends_with(server), "{conf}");
    assert_eq!(r.etc.get("hostname").map(String::as_str), Some("gohello\n"));

    // Toggling `enable` off removes both.
    let off = render("5-final", Some("[ { xeserv.services.gohello.enable = (import <nixpkgs/lib>).mkForce false; } ]"))
        .unwrap();
    assert_container_basics(&off);
}

#[test]
fn step6_port_option_drives_exec_start_and_proxy_pass() {
    if !can_run() {
        return;
    }
    let option = format!("{}.options.xeserv.services.gohello.port", container("6-exercise-port", None));
    assert_eq!(eval(&format!("{option}.default")).unwrap().trim(), "3031");
    assert_eq!(eval(&format!("{option}.type.name")).unwrap().trim(), "\"unsignedInt16\"");

    // The options form's list has the port, with its type, default and value.
    let form = parse_json(
        &eval(&format!("(import <nixpkgs/lib>).nixpen.optionsToData {}.options", container("6-exercise-port", None)))
            .unwrap(),
    );
    let port = form
        .array()
        .iter()
        .find(|o| o.at("name").string() == "xeserv.services.gohello.port")
        .expect("port in the form");
    assert_eq!(port.at("type").string(), "16 bit unsigned integer; between 0 and 65535 (both inclusive)");
    assert_eq!(port.at("default").at("text").string(), "3031");
    assert_eq!(port.at("value").number(), 3031.0);

    let r = render("6-exercise-port", None).unwrap();
    let unit = &r.units["xeserv.gohello.service"];
    assert!(
        unit.lines()
            .any(|l| l.starts_with("ExecStart=/nix/store/") && l.ends_with("/bin/web-server --bind 127.0.0.1:3031")),
        "{unit}"
    );
    assert!(r.nginx.as_deref().unwrap().contains("\t\t\tproxy_pass http://127.0.0.1:3031;\n"));

    let r = render("6-exercise-port", Some("[ { xeserv.services.gohello.port = 8080; } ]")).unwrap();
    let unit = &r.units["xeserv.gohello.service"];
    assert!(
        unit.lines()
            .any(|l| l.starts_with("ExecStart=/nix/store/") && l.ends_with("/bin/web-server --bind 127.0.0.1:8080")),
        "{unit}"
    );
    let conf = r.nginx.as_deref().unwrap();
    assert!(conf.contains("\t\t\tproxy_pass http://127.0.0.1:8080;\n") && !conf.contains("3031"), "{conf}");

    let err = render("6-exercise-port", Some("[ { xeserv.services.gohello.port = 70000; } ]"))
        .err()
        .expect("70000 must be rejected");
    assert!(
        err.contains("A definition for option `xeserv.services.gohello.port' is not of type `16 bit unsigned integer; between 0 and 65535 (both inclusive)'. Definition values:"),
        "{err}"
    );
    assert!(err.contains(": 70000"), "{err}");
}

#[test]
fn unknown_options_fail_as_in_nixos_and_unmodelled_ones_warn() {
    if !can_run() {
        return;
    }
    let err = render("1-container", Some("[ { services.nonexistent.enable = true; } ]")).err().expect("must fail");
    assert!(err.contains("The option `services.nonexistent' does not exist."), "{err}");
    let caddy = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/caddy.nix");
    let r = render("1-container", Some(&format!("[ {} ]", caddy.display()))).unwrap();
    assert!(
        r.warnings.iter().any(|w| w.starts_with("services.caddy.enable: a NixOS option Nixpen does not model")),
        "{:?}",
        r.warnings
    );
}
