//! Units: one exists or not; a key's values (in any section or in one)
//! pass a text test.

use nixpen_lessons::check::{Test, TextTest};

use crate::{expect, on};

const DEMO: &str = r#"
  services.nginx.enable = true;
  systemd.services.demo = {
    description = "demo web server, a=b";
    wantedBy = [ "multi-user.target" ];
    serviceConfig.ExecStart = "/bin/web-server --bind 127.0.0.1:3031";
    serviceConfig.ExecStartPre = [ "/bin/first" "/bin/second" ];
    serviceConfig.Restart = "on-failure";
  };
"#;

fn key(section: Option<&str>, key: &str, text: TextTest) -> Test {
    Test::UnitKey { unit: "demo.service".into(), section: section.map(str::to_owned), key: key.into(), text }
}

fn unit(name: &str, present: bool) -> Test {
    Test::Unit { unit: name.into(), present }
}

#[test]
fn a_unit_is_there_or_not() {
    let found = on(
        DEMO,
        vec![
            unit("nginx.service", true),
            unit("sshd.service", false),
            unit("sshd.service", true),
            unit("nginx.service", false),
        ],
    );
    expect(
        &found,
        &[
            None,
            None,
            Some("there is no unit sshd.service (the units are demo.service, firewall.service, nginx.service)"),
            Some("the unit nginx.service exists"),
        ],
    );
    let none = on("networking.firewall.enable = false;", vec![unit("nginx.service", true)]);
    expect(&none, &[Some("there is no unit nginx.service (there are no units at all)")]);
}

#[test]
fn a_key_passes_or_says_what_it_holds() {
    let found = on(
        DEMO,
        vec![
            key(None, "ExecStart", TextTest::Contains("/bin/web-server".into())),
            key(Some("Service"), "Restart", TextTest::Equals("on-failure".into())),
            key(None, "ExecStart", TextTest::Contains("--bind 127.0.0.1:8080".into())),
            key(Some("Unit"), "Restart", TextTest::Equals("always".into())),
            key(None, "User", TextTest::Omits("root".into())),
            key(None, "User", TextTest::Equals("root".into())),
            Test::UnitKey {
                unit: "web.service".into(),
                section: None,
                key: "ExecStart".into(),
                text: TextTest::Contains("x".into()),
            },
        ],
    );
    expect(
        &found[..6],
        &[
            None,
            None,
            Some("ExecStart of demo.service is `/bin/web-server --bind 127.0.0.1:3031`"),
            Some("the [Unit] section of demo.service has no Restart= line"),
            None,
            Some("demo.service has no User= line"),
        ],
    );
    assert!(
        found[6].as_deref().is_some_and(|d| d.starts_with("there is no unit web.service (the units are ")),
        "{found:?}"
    );
}

#[test]
fn keys_are_read_per_section_and_each_value_counts() {
    let found = on(
        DEMO,
        vec![
            key(None, "Description", TextTest::Equals("demo web server, a=b".into())),
            key(Some("Service"), "Description", TextTest::Contains("demo".into())),
            key(None, "ExecStartPre", TextTest::Equals("/bin/second".into())),
            key(None, "ExecStartPre", TextTest::Omits("second".into())),
            key(None, "ExecStartPre", TextTest::Equals("/bin/third".into())),
        ],
    );
    expect(
        &found,
        &[
            None,
            Some("the [Service] section of demo.service has no Description= line"),
            None,
            Some("ExecStartPre of demo.service is `/bin/first`, `/bin/second`"),
            Some("ExecStartPre of demo.service is `/bin/first`, `/bin/second`"),
        ],
    );
}
