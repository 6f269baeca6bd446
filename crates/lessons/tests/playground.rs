//! A step's checks judged in a [`Playground`] as `nixpen lesson check`
//! judges them (the judges written in Nix, in two evaluations): every
//! kind together on one configuration, `with` settings (one forced
//! configuration per distinct `with`), errors with positions in the
//! playground, a flake, and a playground reused for the next step.
//! (`judges/` tests each family's details.)

use nixpen_lessons::check::{Check, Protocol, Setting, Test, TextTest};
use nixpen_lessons::{File, Playground, Verdict};

/// A module with an option of its own used by a service, nginx, a port and
/// an /etc file.
const MODULE: &str = r#"{ config, lib, pkgs, ... }:
{
  options.demo.port = lib.mkOption {
    type = lib.types.port;
    default = 3031;
    description = "The port.";
  };
  config = {
    networking.hostName = lib.warn "the host name is only a demo" "demo";
    networking.firewall.allowedTCPPorts = [ 80 ];
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

fn check(test: Test) -> Check {
    Check { label: String::new(), with: Vec::new(), test }
}

/// A check forcing `option` to the JSON value `json`.
fn with(option: &str, json: &str, test: Test) -> Check {
    let value = serde_json::from_str(json).unwrap();
    Check { label: String::new(), with: vec![Setting { option: option.into(), value }], test }
}

fn run(files: &[(&str, &str)], checks: &[Check]) -> Vec<Verdict> {
    let files: Vec<File> = files.iter().map(|(n, t)| File { name: (*n).into(), text: (*t).into() }).collect();
    let entry = &files[0].name;
    Playground::new().check(&files, entry, None, checks)
}

fn text(test: TextTest) -> Option<TextTest> {
    Some(test)
}

#[test]
fn every_check_on_the_rendered_system() {
    let checks = [
        check(Test::Evaluates),
        check(Test::Unit { unit: "demo.service".into(), present: true }),
        check(Test::Unit { unit: "sshd.service".into(), present: false }),
        check(Test::UnitKey {
            unit: "demo.service".into(),
            section: Some("Service".into()),
            key: "ExecStart".into(),
            text: TextTest::Contains("--port 3031".into()),
        }),
        check(Test::Nginx { directive: Some("server_name demo.example.org".into()), present: true }),
        check(Test::Nginx { directive: Some("proxy_pass http://127.0.0.1:3031".into()), present: true }),
        check(Test::Port { port: 80, protocol: Protocol::Tcp, interface: None, open: true }),
        check(Test::Port { port: 80, protocol: Protocol::Udp, interface: None, open: false }),
        check(Test::Etc {
            path: "demo.conf".into(),
            text: text(TextTest::Equals("port = 3031\n".into())),
            present: true,
        }),
        check(Test::Etc {
            path: "hostname".into(),
            text: text(TextTest::Matches("^demo[[:space:]]*$".into())),
            present: true,
        }),
        check(Test::Warning { contains: "only a demo".into(), present: true }),
        check(Test::Warning { contains: "host name is only".into(), present: true }),
        check(Test::Value { path: "networking.hostName".into(), equals: "\"demo\"".into() }),
        check(Test::Value { path: "networking.firewall.allowedTCPPorts".into(), equals: "[ 80 ]".into() }),
        check(Test::Option {
            name: "demo.port".into(),
            present: true,
            type_description: Some("16 bit unsigned integer; between 0 and 65535 (both inclusive)".into()),
            default: Some("3031".into()),
        }),
        check(Test::Option { name: "demo.host".into(), present: false, type_description: None, default: None }),
    ];
    let verdicts = run(&[("configuration.nix", MODULE)], &checks);
    for (i, verdict) in verdicts.iter().enumerate() {
        assert!(verdict.passed, "check {i} ({:?}) failed: {:?}", checks[i].test, verdict.detail);
    }
}

#[test]
fn failing_checks_say_what_they_found() {
    let checks = [
        check(Test::UnitKey {
            unit: "demo.service".into(),
            section: None,
            key: "ExecStart".into(),
            text: TextTest::Contains("--port 8080".into()),
        }),
        check(Test::Port { port: 443, protocol: Protocol::Tcp, interface: None, open: true }),
        check(Test::Value { path: "networking.hostName".into(), equals: "\"box\"".into() }),
        check(Test::Value { path: "networking.nope".into(), equals: "1".into() }),
        check(Test::Option {
            name: "demo.port".into(),
            present: true,
            type_description: Some("string".into()),
            default: None,
        }),
        check(Test::Error { contains: "undefined variable".into(), file: None, line: None, column: None }),
    ];
    let details: Vec<String> =
        run(&[("configuration.nix", MODULE)], &checks).into_iter().map(|v| v.detail.unwrap_or_default()).collect();
    assert!(details[0].starts_with("ExecStart of demo.service is `/nix/store/"), "{}", details[0]);
    assert!(details[0].ends_with("-hello-2.12.2/bin/hello --port 3031`"), "{}", details[0]);
    assert_eq!(details[1], "the TCP ports the firewall lets in: 80");
    assert_eq!(details[2], "config.networking.hostName is `\"demo\"`");
    assert_eq!(details[3], "there is no config.networking.nope");
    assert_eq!(details[4], "demo.port has the type `16 bit unsigned integer; between 0 and 65535 (both inclusive)`");
    assert_eq!(details[5], "the configuration evaluates without an error");
}

#[test]
fn with_forces_an_option_so_a_hard_coded_value_fails() {
    let port_checks = |value: &str| {
        [
            with(
                "demo.port",
                value,
                Test::Nginx { directive: Some(format!("proxy_pass http://127.0.0.1:{value}")), present: true },
            ),
            with(
                "demo.port",
                value,
                Test::UnitKey {
                    unit: "demo.service".into(),
                    section: None,
                    key: "ExecStart".into(),
                    text: TextTest::Contains(format!("--port {value}")),
                },
            ),
            check(Test::Nginx { directive: Some("proxy_pass http://127.0.0.1:3031".into()), present: true }),
        ]
    };
    let verdicts = run(&[("configuration.nix", MODULE)], &port_checks("8080"));
    assert!(verdicts.iter().all(|v| v.passed), "{verdicts:?}");
    let hard_coded = MODULE.replace("\"http://127.0.0.1:${toString config.demo.port}\"", "\"http://127.0.0.1:3031\"");
    let verdicts = run(&[("configuration.nix", &hard_coded)], &port_checks("8080"));
    assert_eq!(verdicts[0].detail.as_deref(), Some("nginx.conf has `proxy_pass http://127.0.0.1:3031`"));
    assert!(verdicts[1].passed && verdicts[2].passed, "{verdicts:?}");
    // An option that does not exist: the forced configuration fails.
    let verdicts = run(&[("configuration.nix", MODULE)], &[with("demo.nope", "1", Test::Evaluates)]);
    let detail = verdicts[0].detail.as_deref().unwrap_or_default();
    assert!(detail.starts_with("evaluation fails: The option `demo.nope' does not exist."), "{detail}");
}

#[test]
fn an_error_has_its_message_and_position_in_the_playground() {
    let broken = "{ pkgs, ... }:\n{\n  networking.hostName = nope;\n}\n";
    let checks = [
        check(Test::Error {
            contains: "undefined variable 'nope'".into(),
            file: Some("configuration.nix".into()),
            line: Some(3),
            column: Some(25),
        }),
        check(Test::Evaluates),
        check(Test::Unit { unit: "nginx.service".into(), present: false }),
    ];
    let verdicts = run(&[("configuration.nix", broken)], &checks);
    assert!(verdicts[0].passed, "{verdicts:?}");
    assert_eq!(
        verdicts[1].detail.as_deref(),
        Some("evaluation fails: undefined variable 'nope' (configuration.nix, line 3, column 25)")
    );
    assert_eq!(
        verdicts[2].detail.as_deref(),
        Some("the configuration does not evaluate: undefined variable 'nope' (configuration.nix, line 3, column 25)")
    );
}

#[test]
fn a_flake_has_outputs_and_a_configuration() {
    let flake = r#"{
  inputs.nixpkgs.url = "nixpkgs/nixos-unstable";
  outputs = { self, nixpkgs }: {
    packages.x86_64-linux.default = nixpkgs.legacyPackages.x86_64-linux.hello;
    nixosConfigurations.box = nixpkgs.lib.nixosSystem {
      system = "x86_64-linux";
      modules = [ ./configuration.nix ];
    };
  };
}
"#;
    let checks = [
        check(Test::Output {
            path: "packages.x86_64-linux.default".into(),
            text: text(TextTest::Equals("<derivation hello-2.12.2>".into())),
            present: true,
        }),
        check(Test::Output { path: "nixosModules".into(), text: None, present: false }),
        check(Test::Unit { unit: "demo.service".into(), present: true }),
        check(Test::Option { name: "demo.port".into(), present: true, type_description: None, default: None }),
    ];
    let verdicts = run(&[("flake.nix", flake), ("configuration.nix", MODULE)], &checks);
    assert!(verdicts.iter().all(|v| v.passed), "{verdicts:?}");
}

#[test]
fn a_playground_forgets_the_files_of_the_last_step() {
    let mut playground = Playground::new();
    let files = |text: &str| vec![File { name: "configuration.nix".into(), text: text.into() }];
    let exists = [check(Test::Unit { unit: "demo.service".into(), present: true })];
    assert!(playground.check(&files(MODULE), "configuration.nix", None, &exists)[0].passed);
    let verdicts = playground.check(&files("{ ... }: { }"), "configuration.nix", None, &exists);
    assert!(!verdicts[0].passed, "{verdicts:?}");
}
