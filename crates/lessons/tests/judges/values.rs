//! Values: one below `config`, compared as printed; a flake's output; a
//! file under /etc.

use nixpen_lessons::check::{Test, TextTest};

use crate::{check, expect, judge, on};

fn value(path: &str, equals: &str) -> Test {
    Test::Value { path: path.into(), equals: equals.into() }
}

fn etc(path: &str, text: Option<TextTest>, present: bool) -> Test {
    Test::Etc { path: path.into(), text, present }
}

#[test]
fn a_value_compares_as_printed() {
    let body = r#"
  options.loop = lib.mkOption { type = lib.types.int; };
  config.loop = config.loop + 1;
  config.networking.firewall.allowedTCPPorts = [ 80 443 ];
  config.systemd.services."a.b".enable = false;
"#;
    let found = on(
        body,
        vec![
            value("networking.firewall.allowedTCPPorts", "[ 80 443 ]"),
            value("networking.firewall.allowedTCPPorts", "[ 80 ]"),
            value("a.b", "1"),
            value("loop", "1"),
            value(r#"systemd.services."a.b".enable"#, "false"),
        ],
    );
    expect(
        &found,
        &[
            None,
            Some("config.networking.firewall.allowedTCPPorts is `[\n  80\n  443\n]`"),
            Some("there is no config.a.b"),
            Some("config.loop cannot be read: infinite recursion encountered"),
            None,
        ],
    );
}

#[test]
fn an_output_exists_with_its_text() {
    let flake = r#"{
  inputs.nixpkgs.url = "nixpkgs/nixos-unstable";
  outputs = { self, nixpkgs }: {
    packages.x86_64-linux.default = nixpkgs.legacyPackages.x86_64-linux.hello;
    lib.greeting = "hi";
    nixosConfigurations.box = nixpkgs.lib.nixosSystem { system = "x86_64-linux"; modules = [ ]; };
  };
}
"#;
    let output =
        |path: &str, text: Option<TextTest>, present: bool| check(Test::Output { path: path.into(), text, present });
    let default = "packages.x86_64-linux.default";
    let found = judge(
        &[("flake.nix", flake)],
        &[
            output(default, Some(TextTest::Contains("hello".into())), true),
            output("nixosModules", None, false),
            output("lib.greeting", Some(TextTest::Equals("\"hi\"".into())), true),
            output(default, Some(TextTest::Contains("web-server".into())), true),
            output("nixosModules", None, true),
            output(default, None, false),
        ],
    );
    expect(
        &found,
        &[
            None,
            None,
            None,
            Some("the output packages.x86_64-linux.default is `<derivation hello-2.12.2>`"),
            Some("the flake has no output nixosModules"),
            Some("the flake has the output packages.x86_64-linux.default"),
        ],
    );
}

#[test]
fn an_etc_file_exists_with_its_text() {
    let found = on(
        r#"networking.hostName = "gohello";"#,
        vec![
            etc("hostname", Some(TextTest::Equals("gohello\n".into())), true),
            etc("motd", None, false),
            etc("hostname", Some(TextTest::Contains("box".into())), true),
            etc("motd", None, true),
            etc("hostname", None, false),
        ],
    );
    expect(
        &found,
        &[
            None,
            None,
            Some("/etc/hostname holds `gohello\n`"),
            Some("there is no /etc/motd"),
            Some("/etc/hostname exists"),
        ],
    );
}
