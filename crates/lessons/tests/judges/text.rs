//! Text tests (`equals`, `contains`, `matches` as POSIX extended regular
//! expressions, `omits`) and long values shortened in a detail.

use nixpen_lessons::check::{Test, TextTest};

use crate::{expect, on};

fn exec(text: TextTest) -> Test {
    Test::UnitKey { unit: "demo.service".into(), section: None, key: "ExecStart".into(), text }
}

fn motd(text: TextTest) -> Test {
    Test::Etc { path: "motd".into(), text: Some(text), present: true }
}

const DEMO: &str = r#"
  systemd.services.demo.wantedBy = [ "multi-user.target" ];
  systemd.services.demo.serviceConfig.ExecStart = "${pkgs.hello}/bin/hello --bind 127.0.0.1:3031";
  environment.etc.motd.text = "Welcome!\nPort 3031 (tcp).\n";
"#;

#[test]
fn each_text_test() {
    let found = on(
        DEMO,
        vec![
            exec(TextTest::Contains("--bind 127.0.0.1:3031".into())),
            exec(TextTest::Matches("^/nix/store/[a-z0-9]{32}-hello-[0-9.]+/bin/hello --bind [0-9.]+:[0-9]+$".into())),
            exec(TextTest::Matches("--bind [[:digit:]]+".into())),
            exec(TextTest::Omits("8080".into())),
            motd(TextTest::Equals("Welcome!\nPort 3031 (tcp).\n".into())),
            motd(TextTest::Matches("^Port".into())),
            motd(TextTest::Matches("Port [0-9]+ [(]tcp[)]".into())),
            motd(TextTest::Matches("Welcome!.Port".into())),
            motd(TextTest::Contains("(tcp)".into())),
            motd(TextTest::Omits("Port".into())),
        ],
    );
    let motd_text = "/etc/motd holds `Welcome!\nPort 3031 (tcp).\n`";
    expect(&found, &[None, None, None, None, None, Some(motd_text), None, None, None, Some(motd_text)]);
}

#[test]
fn a_long_value_is_shortened() {
    let body = format!("environment.etc.big.text = \"{}é{}\";", "x".repeat(299), "y".repeat(100));
    let found =
        on(&body, vec![Test::Etc { path: "big".into(), text: Some(TextTest::Contains("z".into())), present: true }]);
    assert_eq!(found[0], Some(format!("/etc/big holds `{}…`", "x".repeat(299))));
}
