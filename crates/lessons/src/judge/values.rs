//! Tests on values: one below `config`, a flake's output, a file under
//! `/etc`.

use nixpen_nixos::Rendered;

use super::text::{any_passes, quoted, squash};
use super::{observed, Verdict};
use crate::check::TextTest;
use crate::observe::Outcome;

/// Whether the value at `path` (below `prefix`, as the learner writes it:
/// `config.`) prints as `equals`, spaces and line breaks aside.
pub fn value(outcome: Option<&Outcome<Option<String>>>, prefix: &str, path: &str, equals: &str) -> Verdict {
    let shown = format!("{prefix}{path}");
    match observed(outcome, &shown) {
        Err(verdict) => verdict,
        Ok(None) => Verdict::fail(format!("there is no {shown}")),
        Ok(Some(text)) => Verdict::when(squash(text) == squash(equals), || format!("{shown} is `{text}`")),
    }
}

/// Whether the flake has the output `path` (`present`), whose text passes `test`.
pub fn output(
    outcome: Option<&Outcome<Option<String>>>,
    path: &str,
    test: Option<&TextTest>,
    present: bool,
) -> Verdict {
    let found = match observed(outcome, &format!("the output {path}")) {
        Ok(found) => found,
        Err(verdict) => return verdict,
    };
    match (found, present) {
        (None, false) => Verdict::pass(),
        (None, true) => Verdict::fail(format!("the flake has no output {path}")),
        (Some(_), false) => Verdict::fail(format!("the flake has the output {path}")),
        (Some(text), true) => text_test(test, text, || format!("the output {path} is")),
    }
}

/// Whether `/etc/<path>` exists (`present`) and its text passes `test`.
pub fn etc(system: &Rendered, path: &str, test: Option<&TextTest>, present: bool) -> Verdict {
    match (system.etc.get(path), present) {
        (None, false) => Verdict::pass(),
        (None, true) => Verdict::fail(format!("there is no /etc/{path}")),
        (Some(_), false) => Verdict::fail(format!("/etc/{path} exists")),
        (Some(text), true) => text_test(test, text, || format!("/etc/{path} holds")),
    }
}

/// `test` (if any) on `text`; a failure shows the text after `what()`.
fn text_test(test: Option<&TextTest>, text: &str, what: impl FnOnce() -> String) -> Verdict {
    let Some(test) = test else {
        return Verdict::pass();
    };
    match any_passes(test, &[text]) {
        Ok(passed) => Verdict::when(passed, || format!("{} {}", what(), quoted(&[text]))),
        Err(problem) => Verdict::fail(problem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observe::Failure;

    #[test]
    fn a_value_compares_as_printed() {
        let list: Outcome<Option<String>> = Ok(Some("[\n  80\n  443\n]".into()));
        assert!(value(Some(&list), "config.", "networking.firewall.allowedTCPPorts", "[ 80 443 ]").passed);
        let v = value(Some(&list), "config.", "networking.firewall.allowedTCPPorts", "[ 80 ]");
        assert_eq!(v.detail.as_deref(), Some("config.networking.firewall.allowedTCPPorts is `[\n  80\n  443\n]`"));
        let v = value(Some(&Ok(None)), "config.", "a.b", "1");
        assert_eq!(v.detail.as_deref(), Some("there is no config.a.b"));
        let v = value(Some(&Err(Failure::plain("infinite recursion encountered"))), "config.", "a", "1");
        assert_eq!(v.detail.as_deref(), Some("config.a cannot be read: infinite recursion encountered"));
    }

    #[test]
    fn an_output_exists_with_its_text() {
        let drv: Outcome<Option<String>> = Ok(Some("<derivation web-server-19700101>".into()));
        let path = "packages.x86_64-linux.default";
        assert!(output(Some(&drv), path, Some(&TextTest::Contains("web-server".into())), true).passed);
        assert!(output(Some(&Ok(None)), path, None, false).passed);
        let v = output(Some(&drv), path, Some(&TextTest::Contains("hello".into())), true);
        assert_eq!(
            v.detail.as_deref(),
            Some("the output packages.x86_64-linux.default is `<derivation web-server-19700101>`")
        );
        let v = output(Some(&Ok(None)), path, None, true);
        assert_eq!(v.detail.as_deref(), Some("the flake has no output packages.x86_64-linux.default"));
    }

    #[test]
    fn an_etc_file_exists_with_its_text() {
        let mut system = Rendered::default();
        system.etc.insert("hostname".into(), "gohello\n".into());
        assert!(etc(&system, "hostname", Some(&TextTest::Equals("gohello\n".into())), true).passed);
        assert!(etc(&system, "motd", None, false).passed);
        let v = etc(&system, "hostname", Some(&TextTest::Contains("box".into())), true);
        assert_eq!(v.detail.as_deref(), Some("/etc/hostname holds `gohello\n`"));
        assert_eq!(etc(&system, "motd", None, true).detail.as_deref(), Some("there is no /etc/motd"));
        assert_eq!(etc(&system, "hostname", None, false).detail.as_deref(), Some("/etc/hostname exists"));
    }
}
