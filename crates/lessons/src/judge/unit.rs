//! Tests on systemd units: whether a unit file exists, and the values of
//! one of its keys (`ExecStart=`), read from the unit's text.

use nixpen_nixos::Rendered;

use super::text::{any_passes, quoted};
use super::{some_of, Verdict};
use crate::check::TextTest;

/// Whether the unit `name` exists (`present`) or not.
pub fn presence(system: &Rendered, name: &str, present: bool) -> Verdict {
    let found = system.units.contains_key(name);
    if found == present {
        Verdict::pass()
    } else if present {
        Verdict::fail(missing(system, name))
    } else {
        Verdict::fail(format!("the unit {name} exists"))
    }
}

/// Whether the key `key` of unit `name` (in `section`, if given) passes `test`.
pub fn key(system: &Rendered, name: &str, section: Option<&str>, key: &str, test: &TextTest) -> Verdict {
    let Some(text) = system.units.get(name) else {
        return Verdict::fail(missing(system, name));
    };
    let values = values_of(text, section, key);
    let place = match section {
        Some(section) => format!("the [{section}] section of {name}"),
        None => name.to_owned(),
    };
    if values.is_empty() {
        return match test {
            TextTest::Omits(_) => Verdict::pass(),
            _ => Verdict::fail(format!("{place} has no {key}= line")),
        };
    }
    match any_passes(test, &values) {
        Ok(passed) => Verdict::when(passed, || format!("{key} of {name} is {}", quoted(&values))),
        Err(problem) => Verdict::fail(problem),
    }
}

/// Why unit `name` cannot be looked at: it does not exist; the units that do.
fn missing(system: &Rendered, name: &str) -> String {
    if system.units.is_empty() {
        return format!("there is no unit {name} (there are no units at all)");
    }
    format!("there is no unit {name} (the units are {})", some_of(system.units.keys().map(String::as_str)))
}

/// The values of `key` in a unit file's text, in order, in any section or
/// only in `section`.
///
/// ```text
/// values_of("[Service]\nExecStart=a\nExecStart=b\n", None, "ExecStart") == ["a", "b"]
/// ```
fn values_of<'a>(text: &'a str, section: Option<&str>, key: &str) -> Vec<&'a str> {
    let mut current = "";
    let mut values = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
            current = name;
        } else if let Some((k, v)) = line.split_once('=') {
            if k.trim() == key && section.is_none_or(|s| s == current) {
                values.push(v.trim());
            }
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system() -> Rendered {
        let mut system = Rendered::default();
        system.units.insert(
            "xeserv.gohello.service".into(),
            "[Unit]\nDescription=gohello web server\n\n[Service]\nExecStart=/nix/store/x-web-server/bin/web-server --bind 127.0.0.1:3031\n\
             Restart=on-failure\n\n[Install]\nWantedBy=multi-user.target\n"
                .into(),
        );
        system.units.insert("nginx.service".into(), "[Service]\nExecStart=nginx\n".into());
        system
    }

    #[test]
    fn a_unit_is_there_or_not() {
        assert!(presence(&system(), "nginx.service", true).passed);
        assert!(presence(&system(), "sshd.service", false).passed);
        let v = presence(&system(), "sshd.service", true);
        assert_eq!(
            v.detail.as_deref(),
            Some("there is no unit sshd.service (the units are nginx.service, xeserv.gohello.service)")
        );
        assert_eq!(
            presence(&system(), "nginx.service", false).detail.as_deref(),
            Some("the unit nginx.service exists")
        );
    }

    #[test]
    fn a_key_passes_or_says_what_it_holds() {
        let unit = "xeserv.gohello.service";
        assert!(key(&system(), unit, None, "ExecStart", &TextTest::Contains("/bin/web-server".into())).passed);
        assert!(key(&system(), unit, Some("Service"), "Restart", &TextTest::Equals("on-failure".into())).passed);
        let v = key(&system(), unit, None, "ExecStart", &TextTest::Contains("--bind 127.0.0.1:8080".into()));
        assert_eq!(
            v.detail.as_deref(),
            Some(
                "ExecStart of xeserv.gohello.service is `/nix/store/x-web-server/bin/web-server --bind 127.0.0.1:3031`"
            )
        );
        let v = key(&system(), unit, Some("Unit"), "Restart", &TextTest::Equals("always".into()));
        assert_eq!(v.detail.as_deref(), Some("the [Unit] section of xeserv.gohello.service has no Restart= line"));
        assert!(key(&system(), unit, None, "User", &TextTest::Omits("root".into())).passed);
        let v = key(&system(), "web.service", None, "ExecStart", &TextTest::Contains("x".into()));
        assert!(v.detail.unwrap().starts_with("there is no unit web.service"));
    }

    #[test]
    fn keys_are_read_per_section() {
        let text = "[Unit]\nDescription=a=b\n[Service]\nExecStart=x\nExecStart=y\n";
        assert_eq!(values_of(text, None, "ExecStart"), ["x", "y"]);
        assert_eq!(values_of(text, None, "Description"), ["a=b"]);
        assert!(values_of(text, Some("Service"), "Description").is_empty());
    }
}
