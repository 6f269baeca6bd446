//! The sentence a learner reads for a check, made from the check itself
//! when the author wrote none ("The unit `nginx.service` exists").

use crate::check::{Protocol, Test, TextTest};

/// The label of `test`, preceded by its `with` settings (each an option
/// and its value as Nix). `shown_type` is the type as the author wrote it,
/// and `shown_value` the expected value of an option's default or of a
/// `config` value, as Nix.
pub fn label(test: &Test, with: &[(String, String)], shown_type: Option<&str>, shown_value: Option<&str>) -> String {
    let sentence = sentence(test, shown_type, shown_value);
    if with.is_empty() {
        return sentence;
    }
    let settings: Vec<String> = with.iter().map(|(option, nix)| format!("`{option} = {nix}`")).collect();
    let mut rest = sentence.chars();
    let first = rest.next().map(|c| c.to_ascii_lowercase()).unwrap_or_default();
    format!("With {}: {first}{}", settings.join(" and "), rest.as_str())
}

fn sentence(test: &Test, shown_type: Option<&str>, shown_value: Option<&str>) -> String {
    match test {
        Test::Unit { unit, present: true } => format!("The unit `{unit}` exists"),
        Test::Unit { unit, present: false } => format!("There is no unit `{unit}`"),
        Test::UnitKey { unit, section, key, text } => {
            let place = section.as_ref().map(|s| format!(" in [{s}]")).unwrap_or_default();
            format!("`{key}`{place} of `{unit}` {}", text_phrase(text))
        }
        Test::Nginx { directive: Some(d), present: true } => format!("`nginx.conf` has `{d}`"),
        Test::Nginx { directive: Some(d), present: false } => format!("`nginx.conf` has no `{d}`"),
        Test::Nginx { directive: None, present: true } => "nginx is enabled: there is an `nginx.conf`".to_owned(),
        Test::Nginx { directive: None, present: false } => "nginx is not enabled".to_owned(),
        Test::Port { port, protocol, interface, open } => {
            let name = match protocol {
                Protocol::Tcp => "TCP",
                Protocol::Udp => "UDP",
            };
            let on = interface.as_ref().map(|i| format!(" on `{i}`")).unwrap_or_default();
            match open {
                true => format!("The firewall lets {name} port {port} in{on}"),
                false => format!("The firewall keeps {name} port {port} closed{on}"),
            }
        }
        Test::Etc { path, present: false, .. } => format!("There is no `/etc/{path}`"),
        Test::Etc { path, text: None, .. } => format!("`/etc/{path}` exists"),
        Test::Etc { path, text: Some(text), .. } => format!("`/etc/{path}` {}", text_phrase(text)),
        Test::Option { name, present: false, .. } => format!("Your modules do not declare `{name}`"),
        Test::Option { name, type_description, default, .. } => {
            let mut text = format!("Your modules declare the option `{name}`");
            if let Some(ty) = shown_type.or(type_description.as_deref()) {
                text.push_str(&format!(", of type `{ty}`"));
            }
            if let Some(value) = shown_value.or(default.as_deref()) {
                text.push_str(&format!(", default `{value}`"));
            }
            text
        }
        Test::Value { path, equals } => format!("`config.{path}` is `{}`", shown_value.unwrap_or(equals)),
        Test::Output { path, present: false, .. } => format!("The flake has no output `{path}`"),
        Test::Output { path, text: None, .. } => format!("The flake has the output `{path}`"),
        Test::Output { path, text: Some(text), .. } => format!("The flake's output `{path}` {}", text_phrase(text)),
        Test::Evaluates => "The configuration evaluates without an error".to_owned(),
        Test::Error { contains, file, line, column } => {
            let mut text = format!("Evaluation fails with `{contains}`");
            match (line, column) {
                (Some(l), Some(c)) => text.push_str(&format!(" at line {l}, column {c}")),
                (Some(l), None) => text.push_str(&format!(" at line {l}")),
                _ => {}
            }
            if let Some(file) = file {
                text.push_str(&format!(" of `{file}`"));
            }
            text
        }
        Test::Warning { contains, present: true } => format!("A warning mentions `{contains}`"),
        Test::Warning { contains, present: false } => format!("No warning mentions `{contains}`"),
    }
}

/// "contains `x`", "is `x`", "matches `/x/`", "does not contain `x`"; line
/// breaks shown as `\n`.
fn text_phrase(test: &TextTest) -> String {
    let show = |s: &str| s.replace('\n', "\\n");
    match test {
        TextTest::Equals(s) => format!("is `{}`", show(s)),
        TextTest::Contains(s) => format!("contains `{}`", show(s)),
        TextTest::Matches(s) => format!("matches `/{}/`", show(s)),
        TextTest::Omits(s) => format!("does not contain `{}`", show(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_sentences() {
        let test = Test::UnitKey {
            unit: "xeserv.gohello.service".into(),
            section: None,
            key: "ExecStart".into(),
            text: TextTest::Contains("--bind 127.0.0.1:8080".into()),
        };
        let with = [("xeserv.services.gohello.port".to_owned(), "8080".to_owned())];
        assert_eq!(
            label(&test, &with, None, None),
            "With `xeserv.services.gohello.port = 8080`: `ExecStart` of `xeserv.gohello.service` contains `--bind 127.0.0.1:8080`"
        );
        let test = Test::Unit { unit: "nginx.service".into(), present: true };
        assert_eq!(label(&test, &with[..0], None, None), "The unit `nginx.service` exists");
        assert_eq!(
            label(&test, &with, None, None),
            "With `xeserv.services.gohello.port = 8080`: the unit `nginx.service` exists"
        );
        let test = Test::Option {
            name: "a.port".into(),
            present: true,
            type_description: Some("16 bit unsigned integer; …".into()),
            default: Some("3031".into()),
        };
        assert_eq!(
            label(&test, &[], Some("port"), None),
            "Your modules declare the option `a.port`, of type `port`, default `3031`"
        );
        let test = Test::Error {
            contains: "undefined variable 'system'".into(),
            file: Some("flake.nix".into()),
            line: Some(52),
            column: None,
        };
        assert_eq!(
            label(&test, &[], None, None),
            "Evaluation fails with `undefined variable 'system'` at line 52 of `flake.nix`"
        );
        let test = Test::Etc { path: "hostname".into(), text: Some(TextTest::Equals("box\n".into())), present: true };
        assert_eq!(label(&test, &[], None, None), "`/etc/hostname` is `box\\n`");
    }
}
