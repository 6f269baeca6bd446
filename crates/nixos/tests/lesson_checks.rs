//! The judges of lesson checks (`nixpkgs-extra/nixpen/lesson-checks.nix`)
//! are plain Nix: Nixpen's evaluator and `nix-instantiate` give the same
//! verdicts (`common::eval`), on a configuration read from files (every
//! kind of check, passing and failing, with a `with`), on a flake, and
//! from errors and warning lines as the engine reports them.
//! (`crates/lessons/tests/judges/` tests each judge's details through the
//! engine `nixpen lesson check` uses.)

mod common;

use std::path::PathBuf;

use common::{eval, parse_json, Json, JsonExt};

/// A fresh folder holding `files`: the learner's files of one test.
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("lesson-checks-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// The verdicts of the judges' `run` (both evaluations in one) on the
/// configuration `configuration` (a Nix expression) of the files in `dir`.
fn run(dir: &std::path::Path, configuration: &str, outputs: &str, checks: &str) -> Vec<Json> {
    let expr = format!(
        "(import <nixpkgs/nixpen/lesson-checks.nix>).run {{ configuration = {configuration}; outputs = {outputs}; \
         dir = \"{}\"; checks = builtins.fromJSON ''{checks}''; }}",
        dir.display()
    );
    parse_json(&eval(&expr).unwrap_or_else(|e| panic!("{e}"))).array().to_vec()
}

/// Each verdict as `None` (passed) or `Some(detail)`.
fn details(verdicts: &[Json]) -> Vec<Option<String>> {
    verdicts
        .iter()
        .map(|v| match v.at("passed") {
            Json::Bool(true) => None,
            _ => Some(v.at("detail").string().to_owned()),
        })
        .collect()
}

const MODULE: &str = r#"{ config, lib, pkgs, ... }:
{
  options.demo.port = lib.mkOption {
    type = lib.types.port;
    default = 3031;
    description = "The port.";
  };
  config = {
    networking.hostName = "demo";
    networking.firewall.allowedTCPPorts = [ 80 ];
    networking.firewall.interfaces.eth0.allowedUDPPortRanges = [ { from = 60000; to = 60010; } ];
    services.nginx.enable = true;
    services.nginx.virtualHosts."demo.example.org".locations."/".proxyPass =
      "http://127.0.0.1:${toString config.demo.port}";
    systemd.services.demo = {
      wantedBy = [ "multi-user.target" ];
      serviceConfig.ExecStart = "${pkgs.hello}/bin/hello --port ${toString config.demo.port}";
    };
    environment.etc."demo.conf".text = "port = ${toString config.demo.port}\n";
    warnings = [ "demo is only a demo" ];
  };
}
"#;

#[test]
fn every_kind_of_check_on_a_module() {
    let dir = folder("module", &[("configuration.nix", MODULE)]);
    let configuration = format!("import <nixpkgs/nixos> {{ configuration = {}/configuration.nix; }}", dir.display());
    let checks = r#"[
      {"label":"","test":"evaluates"},
      {"label":"","test":{"unit":{"unit":"demo.service","present":true}}},
      {"label":"","test":{"unit":{"unit":"sshd.service","present":true}}},
      {"label":"","test":{"unitKey":{"unit":"demo.service","section":"Service","key":"ExecStart","text":{"matches":"^/nix/store/[a-z0-9]{32}-hello-[0-9.]+/bin/hello --port 3031$"}}}},
      {"label":"","test":{"unitKey":{"unit":"demo.service","section":null,"key":"ExecStart","text":{"contains":"--port 8080"}}}},
      {"label":"","test":{"nginx":{"directive":"server_name demo.example.org","present":true}}},
      {"label":"","test":{"nginx":{"directive":"proxy_pass http://127.0.0.1:8080","present":true}}},
      {"label":"","test":{"port":{"port":80,"protocol":"tcp","interface":null,"open":true}}},
      {"label":"","test":{"port":{"port":60005,"protocol":"udp","interface":"eth0","open":true}}},
      {"label":"","test":{"port":{"port":443,"protocol":"tcp","interface":null,"open":true}}},
      {"label":"","test":{"etc":{"path":"demo.conf","text":{"equals":"port = 3031\n"},"present":true}}},
      {"label":"","test":{"etc":{"path":"hostname","text":{"omits":"demo"},"present":true}}},
      {"label":"","test":{"warning":{"contains":"only a demo","present":true}}},
      {"label":"","test":{"value":{"path":"networking.firewall.allowedTCPPorts","equals":"[ 80 ]"}}},
      {"label":"","test":{"value":{"path":"networking.nope","equals":"1"}}},
      {"label":"","test":{"option":{"name":"demo.port","present":true,"typeDescription":"16 bit unsigned integer; between 0 and 65535 (both inclusive)","default":"3031"}}},
      {"label":"","test":{"option":{"name":"demo.host","present":true,"typeDescription":null,"default":null}}},
      {"label":"","with":[{"option":"demo.port","value":8080}],"test":{"nginx":{"directive":"proxy_pass http://127.0.0.1:8080","present":true}}},
      {"label":"","with":[{"option":"demo.port","value":8080}],"test":{"unitKey":{"unit":"demo.service","section":null,"key":"ExecStart","text":{"contains":"--port 8080"}}}},
      {"label":"","test":{"error":{"contains":"undefined variable","file":null,"line":null,"column":null}}}
    ]"#;
    let found = details(&run(&dir, &configuration, "null", checks));
    let exec = "/bin/hello --port 3031`";
    assert!(found[4]
        .as_deref()
        .is_some_and(|d| d.starts_with("ExecStart of demo.service is `/nix/store/") && d.ends_with(exec)));
    let expected: [Option<&str>; 20] = [
        None,
        None,
        Some("there is no unit sshd.service (the units are demo.service, firewall.service, nginx.service)"),
        None,
        found[4].as_deref(),
        None,
        Some("nginx.conf has `proxy_pass http://127.0.0.1:3031`"),
        None,
        None,
        Some("the TCP ports the firewall lets in: 80"),
        None,
        Some("/etc/hostname holds `demo\n`"),
        None,
        None,
        Some("there is no config.networking.nope"),
        None,
        Some("there is no option demo.host; your modules declare demo.port"),
        None,
        None,
        Some("the configuration evaluates without an error"),
    ];
    assert_eq!(found.iter().map(Option::as_deref).collect::<Vec<_>>(), expected);
}

#[test]
fn a_flake_has_outputs_and_options_in_its_modules() {
    let flake = r#"{
  inputs.nixpkgs.url = "nixpkgs/nixos-unstable";
  outputs = { self, nixpkgs }: {
    packages.x86_64-linux.default = nixpkgs.legacyPackages.x86_64-linux.hello;
    nixosModules.default = ./configuration.nix;
    nixosConfigurations.box = nixpkgs.lib.nixosSystem { system = "x86_64-linux"; modules = [ ]; };
  };
}
"#;
    let dir = folder("flake", &[("flake.nix", flake), ("configuration.nix", MODULE)]);
    let outputs = format!("(import <nixpkgs/flake> {{ src = {}; }}).outputs", dir.display());
    let checks = r#"[
      {"label":"","test":{"output":{"path":"packages.x86_64-linux.default","text":{"equals":"<derivation hello-2.12.2>"},"present":true}}},
      {"label":"","test":{"output":{"path":"nixosModule","text":null,"present":false}}},
      {"label":"","test":{"output":{"path":"packages.x86_64-linux.web","text":null,"present":true}}},
      {"label":"","test":{"option":{"name":"demo.port","present":true,"typeDescription":null,"default":"3031"}}},
      {"label":"","test":{"unit":{"unit":"demo.service","present":false}}}
    ]"#;
    let found = details(&run(&dir, &format!("{outputs}.nixosConfigurations.box"), &outputs, checks));
    assert_eq!(found, [None, None, Some("the flake has no output packages.x86_64-linux.web".into()), None, None]);
}

#[test]
fn errors_and_warning_lines_as_the_engine_reports_them() {
    let checks = r#"[
      {"label":"","test":{"error":{"contains":"undefined variable 'nope'","file":"configuration.nix","line":3,"column":25}}},
      {"label":"","test":{"error":{"contains":"undefined variable","file":null,"line":4,"column":null}}},
      {"label":"","test":"evaluates"},
      {"label":"","test":{"port":{"port":80,"protocol":"tcp","interface":null,"open":true}}},
      {"label":"","test":{"value":{"path":"a.b","equals":"1"}}},
      {"label":"","test":{"option":{"name":"a","present":true,"typeDescription":null,"default":null}}},
      {"label":"","test":{"output":{"path":"a","text":null,"present":true}}},
      {"label":"","test":{"warning":{"contains":"careful","present":true}}},
      {"label":"","test":{"warning":{"contains":"careful","present":false}}},
      {"label":"","test":{"warning":{"contains":"hello","present":true}}},
      {"label":"","test":{"warning":{"contains":"x","present":true}}}
    ]"#;
    let error = r#"{ error = { message = "undefined variable 'nope'"; file = "/playground/configuration.nix"; line = 3; column = 25; }; }"#;
    let plain = r#"{ error = { message = "infinite recursion encountered"; file = null; line = 0; column = 0; }; }"#;
    let old = "{ ok.warnings = [ \"x is old\" ]; }";
    let results = [error, error, error, error, plain, error, error, "{ ok.warnings = [ ]; }", old, error, old];
    let expr = format!(
        "(import <nixpkgs/nixpen/lesson-checks.nix>).verdicts {{ dir = \"/playground\"; checks = builtins.fromJSON ''{checks}''; \
         results = [ {} ]; messages = [ \"trace: hello\" \"evaluation warning: be careful\" ]; }}",
        results.join(" ")
    );
    let found = details(parse_json(&eval(&expr).unwrap_or_else(|e| panic!("{e}"))).array());
    let at = "undefined variable 'nope' (configuration.nix, line 3, column 25)";
    assert_eq!(
        found,
        [
            None,
            Some(format!("the error is: {at}")),
            Some(format!("evaluation fails: {at}")),
            Some(format!("the configuration does not evaluate: {at}")),
            Some("config.a.b cannot be read: infinite recursion encountered".into()),
            Some(format!("the options your modules declare cannot be read: {at}")),
            Some(format!("the output a cannot be read: {at}")),
            None,
            Some("a warning says: be careful".into()),
            Some("the warnings are: be careful".into()),
            None,
        ]
    );
}

#[test]
fn no_warnings_and_a_check_not_judged() {
    let expr = "(import <nixpkgs/nixpen/lesson-checks.nix>).verdicts { dir = \"/p\"; checks = [ \
                { label = \"\"; test.warning = { contains = \"x\"; present = true; }; } \
                { label = \"\"; test = \"evaluates\"; } ]; results = [ { ok.warnings = [ ]; } ]; }";
    let found = details(parse_json(&eval(expr).unwrap()).array());
    assert_eq!(found, [Some("there are no warnings".into()), Some("(Nixpen) the check was not judged".into())]);
}

#[test]
fn a_step_is_judged_by_its_entry_and_attr() {
    let flake = r#"{
  inputs.nixpkgs.url = "nixpkgs/nixos-unstable";
  outputs = { self, nixpkgs }: {
    nixosConfigurations.web = nixpkgs.lib.nixosSystem { system = "x86_64-linux"; modules = [ ./configuration.nix ]; };
    nixosConfigurations.db = nixpkgs.lib.nixosSystem { system = "x86_64-linux"; modules = [ ]; };
  };
}
"#;
    let dir = folder("step", &[("flake.nix", flake), ("configuration.nix", MODULE)]);
    let step = |entry: &str, attr: &str| {
        format!(
            "(import <nixpkgs/nixpen/lesson-checks.nix>).judgeStep {{ dir = \"{}\"; step = {{ entry = \"{entry}\"; \
             attr = {attr}; checks = [ {{ label = \"\"; test.unit = {{ unit = \"demo.service\"; present = true; }}; }} ]; }}; }}",
            dir.display()
        )
    };
    // One part per check, the rest (up to 32) null.
    for (entry, attr) in
        [("configuration.nix", "null"), ("flake.nix", "\"web\""), ("flake.nix", "\"nixosConfigurations.web\"")]
    {
        let parts = parse_json(&eval(&step(entry, attr)).unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(parts.object().len(), 32);
        assert_eq!(parts.at("0").at("passed"), &Json::Bool(true), "{entry} {attr}: {parts}");
        assert_eq!(parts.at("1"), &Json::Null);
    }
    let several = eval(&format!("({}).\"0\"", step("flake.nix", "null"))).unwrap_err();
    assert!(several.contains("has several nixosConfigurations (db, web); the step must name one (attr)"), "{several}");
}
