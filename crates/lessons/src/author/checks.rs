//! A `[[check]]` table as written ([`CheckToml`]) turned into a [`Check`]:
//! which subject it has, whether its detail keys go with that subject,
//! its `with` settings and values as Nix, its type and expected values
//! resolved, and its label.

use super::labels::label;
use super::manifest::CheckToml;
use super::nix_value::{to_json, to_nix};
use super::path;
use super::pattern::portable;
use super::resolve::Resolver;
use crate::check::{Check, Protocol, Setting, Test, TextTest};

/// The subject keys; a check has exactly one.
const SUBJECTS: [&str; 10] =
    ["unit", "nginx", "port", "etc", "option", "config", "output", "evaluates", "error", "warning"];

/// Turns `raw` into a check; `Err` says what is wrong, for the author.
/// `flake` says whether the step's entry is a flake (`output` needs one).
pub fn convert(raw: &CheckToml, flake: bool, resolver: &mut Resolver) -> Result<Check, String> {
    let present = present_keys(raw);
    let subjects: Vec<&str> = SUBJECTS.iter().copied().filter(|s| present.contains(s)).collect();
    let subject = match subjects.as_slice() {
        [one] => *one,
        [] => return Err(format!("a check needs one of the keys {}", SUBJECTS.join(", "))),
        many => return Err(format!("a check has one subject, not {}", many.join(" and "))),
    };
    let allowed: &[&str] = match subject {
        "unit" if raw.key.is_some() => &["key", "section", "equals", "contains", "matches", "omits"],
        "unit" => &["exists"],
        "nginx" => &["exists"],
        "port" => &["open", "protocol", "interface"],
        "etc" | "output" => &["exists", "equals", "contains", "matches", "omits"],
        "option" => &["exists", "type", "type-description", "default"],
        "config" => &["equals"],
        "error" => &["file", "line", "column"],
        "warning" => &["exists"],
        _ => &[],
    };
    if let Some(extra) = present.iter().find(|k| !SUBJECTS.contains(k) && !allowed.contains(k)) {
        return Err(format!("`{extra}` does not go with `{subject}`"));
    }
    let (with, shown_with) = settings(raw)?;
    let mut shown_type = None;
    let mut shown_value = None;
    let exists = raw.exists.unwrap_or(true);
    let test = match subject {
        "unit" => {
            let unit = unit_name(raw.unit.as_deref().unwrap_or_default())?;
            match &raw.key {
                Some(key) => Test::UnitKey {
                    unit,
                    section: raw.section.clone(),
                    key: key.clone(),
                    text: text_test(raw, resolver)?.ok_or("`key` needs one of equals, contains, matches, omits")?,
                },
                None => Test::Unit { unit, present: exists },
            }
        }
        "nginx" => match raw.nginx.as_ref() {
            Some(toml::Value::String(d)) if !d.trim().is_empty() => {
                Test::Nginx { directive: Some(d.split_whitespace().collect::<Vec<_>>().join(" ")), present: exists }
            }
            Some(toml::Value::Boolean(b)) if raw.exists.is_none() => Test::Nginx { directive: None, present: *b },
            _ => return Err("`nginx` is a directive (\"server_name example.org\") or true/false".into()),
        },
        "port" => Test::Port {
            port: raw.port.filter(|p| (0..=65535).contains(p)).ok_or("`port` is a number from 0 to 65535")? as u32,
            protocol: match raw.protocol.as_deref().unwrap_or("tcp") {
                "tcp" => Protocol::Tcp,
                "udp" => Protocol::Udp,
                other => return Err(format!("`protocol` is \"tcp\" or \"udp\", not \"{other}\"")),
            },
            interface: raw.interface.clone(),
            open: raw.open.unwrap_or(true),
        },
        "etc" => {
            let path = raw.etc.clone().unwrap_or_default();
            let path = path.strip_prefix("/etc/").map(str::to_owned).unwrap_or(path);
            Test::Etc { path, text: text_test(raw, resolver)?, present: exists }
        }
        "output" if !flake => return Err("`output` checks need a flake (the step's entry is not flake.nix)".into()),
        "output" => {
            let path = raw.output.clone().unwrap_or_default();
            path::split(&path)?;
            Test::Output { path, text: text_test(raw, resolver)?, present: exists }
        }
        "option" => {
            let name = raw.option.clone().unwrap_or_default();
            path::split(&name)?;
            let type_description = match (&raw.type_expr, &raw.type_description) {
                (Some(_), Some(_)) => return Err("give `type` or `type-description`, not both".into()),
                (Some(expr), None) => {
                    shown_type = Some(expr.clone());
                    Some(resolver.type_description(expr)?)
                }
                (None, described) => described.clone(),
            };
            let default = match &raw.default {
                Some(value) => {
                    let nix = to_nix(value)?;
                    let text = resolver.value_text(&nix)?;
                    shown_value = Some(nix);
                    Some(text)
                }
                None => None,
            };
            Test::Option { name, present: exists, type_description, default }
        }
        "config" => {
            let path = raw.config.clone().unwrap_or_default();
            let path = path.strip_prefix("config.").map(str::to_owned).unwrap_or(path);
            path::split(&path)?;
            let value = raw.equals.as_ref().ok_or("`config` needs `equals` (the value it must have)")?;
            let nix = to_nix(value)?;
            let equals = resolver.value_text(&nix)?;
            shown_value = Some(nix);
            Test::Value { path, equals }
        }
        "evaluates" if raw.evaluates == Some(true) => Test::Evaluates,
        "evaluates" => return Err("`evaluates` can only be true (to expect an error, use `error`)".into()),
        "error" => Test::Error {
            contains: raw.error.clone().unwrap_or_default(),
            file: raw.file.clone(),
            line: raw.line,
            column: raw.column,
        },
        _ => Test::Warning { contains: raw.warning.clone().unwrap_or_default(), present: exists },
    };
    let label = match &raw.label {
        Some(label) => label.clone(),
        None => label(&test, &shown_with, shown_type.as_deref(), shown_value.as_deref()),
    };
    Ok(Check { label, with, test })
}

/// The names of the keys `raw` has, as written in TOML.
fn present_keys(raw: &CheckToml) -> Vec<&'static str> {
    let keys = [
        ("unit", raw.unit.is_some()),
        ("nginx", raw.nginx.is_some()),
        ("port", raw.port.is_some()),
        ("etc", raw.etc.is_some()),
        ("option", raw.option.is_some()),
        ("config", raw.config.is_some()),
        ("output", raw.output.is_some()),
        ("evaluates", raw.evaluates.is_some()),
        ("error", raw.error.is_some()),
        ("warning", raw.warning.is_some()),
        ("key", raw.key.is_some()),
        ("section", raw.section.is_some()),
        ("equals", raw.equals.is_some()),
        ("contains", raw.contains.is_some()),
        ("matches", raw.matches.is_some()),
        ("omits", raw.omits.is_some()),
        ("exists", raw.exists.is_some()),
        ("open", raw.open.is_some()),
        ("protocol", raw.protocol.is_some()),
        ("interface", raw.interface.is_some()),
        ("type", raw.type_expr.is_some()),
        ("type-description", raw.type_description.is_some()),
        ("default", raw.default.is_some()),
        ("file", raw.file.is_some()),
        ("line", raw.line.is_some()),
        ("column", raw.column.is_some()),
    ];
    keys.into_iter().filter(|(_, there)| *there).map(|(name, _)| name).collect()
}

/// The one text test of `raw`, if it has one; a `matches` pattern must be
/// portable POSIX (see `pattern.rs`) that `builtins.split` accepts.
fn text_test(raw: &CheckToml, resolver: &mut Resolver) -> Result<Option<TextTest>, String> {
    let equals = match &raw.equals {
        Some(toml::Value::String(s)) => Some(TextTest::Equals(s.clone())),
        Some(_) => return Err("`equals` compares text here: give a string".into()),
        None => None,
    };
    let tests: Vec<TextTest> = [
        equals,
        raw.contains.clone().map(TextTest::Contains),
        raw.matches.clone().map(TextTest::Matches),
        raw.omits.clone().map(TextTest::Omits),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(TextTest::Matches(pattern)) = tests.first() {
        portable(pattern).map_err(|e| format!("`matches` is not portable: {e}"))?;
        resolver.regex(pattern)?;
    }
    match tests.len() {
        0 | 1 => Ok(tests.into_iter().next()),
        _ => Err("a check has one of equals, contains, matches, omits".into()),
    }
}

/// The `with` table as settings, in the order written, and as the label
/// shows them (`option`, the value as Nix).
#[allow(clippy::type_complexity)]
fn settings(raw: &CheckToml) -> Result<(Vec<Setting>, Vec<(String, String)>), String> {
    let Some(table) = &raw.with else {
        return Ok((Vec::new(), Vec::new()));
    };
    let mut settings = Vec::new();
    let mut shown = Vec::new();
    for (option, value) in table {
        path::split(option)?;
        let nix = to_nix(value).map_err(|e| format!("`with` {option}: {e}"))?;
        settings.push(Setting { option: option.clone(), value: to_json(value)? });
        shown.push((option.clone(), nix));
    }
    Ok((settings, shown))
}

/// A unit's file name: it must have a unit type's suffix.
fn unit_name(name: &str) -> Result<String, String> {
    const SUFFIXES: [&str; 9] =
        [".service", ".socket", ".timer", ".target", ".path", ".mount", ".automount", ".slice", ".scope"];
    if SUFFIXES.iter().any(|s| name.ends_with(s) && name.len() > s.len()) {
        Ok(name.to_owned())
    } else {
        Err(format!("`unit` is a unit's file name, such as \"{name}.service\""))
    }
}
