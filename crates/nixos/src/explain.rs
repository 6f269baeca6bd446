//! Why an option has its value and where rendered lines come from, as Rust
//! data: the JSON of `lib.nixpen.explain.option` ([`Explanation`]) and of
//! `lib.nixpen.explain.outputs` ([`Sources`]), and option paths as users
//! write them (`systemd.services."foo.bar".serviceConfig.Restart`).
//!
//! The expressions that produce them are [`crate::Target::explain_expr`]
//! and [`crate::Target::sources_expr`]; field names in the JSON are those
//! of the Nix records (`crates/nixos/nixpkgs/lib/nixpen-explain.nix`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Everything about one option, or one attribute inside an option's value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The path asked about, as Nix shows it (`services.nginx.enable`).
    pub name: String,
    /// The same path as a list of names.
    #[serde(default)]
    pub loc: Vec<String>,
    /// `option`, `attribute` (a key of an option's value, such as
    /// `serviceConfig.Restart`) or `unknown` (nothing is declared there).
    pub kind: String,
    /// The declared option: itself, or the one holding the attribute.
    #[serde(default)]
    pub option: Option<String>,
    /// The type's description (`attribute set of (systemd option)`).
    #[serde(default, rename = "type")]
    pub type_description: Option<String>,
    /// The option's description.
    #[serde(default)]
    pub description: Option<String>,
    /// Where the option is declared.
    #[serde(default)]
    pub declarations: Vec<Position>,
    /// Every definition, the option's default first when it has one.
    #[serde(default)]
    pub definitions: Vec<Definition>,
    /// Whether it has a value.
    #[serde(default)]
    pub is_defined: bool,
    /// The final value as Nix text.
    #[serde(default)]
    pub value_text: Option<String>,
    /// Whether the final value fails to evaluate.
    #[serde(default)]
    pub error: bool,
    /// Which definitions won and why, in a sentence.
    #[serde(default)]
    pub why: Option<String>,
    /// What is wrong when `kind` is `unknown`.
    #[serde(default)]
    pub message: Option<String>,
}

/// A place in a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The file.
    pub file: String,
    /// Its line, when known.
    #[serde(default)]
    pub line: Option<u32>,
    /// Its column, when known.
    #[serde(default)]
    pub column: Option<u32>,
}

/// One definition of an option or of an attribute.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Definition {
    /// The file it is written in.
    pub file: String,
    /// Its line, when known.
    #[serde(default)]
    pub line: Option<u32>,
    /// Its column, when known.
    #[serde(default)]
    pub column: Option<u32>,
    /// Its priority (lower wins): 50 `mkForce`, 100 plain, 1000
    /// `mkDefault`, 1500 the option's default; none when switched off.
    #[serde(default)]
    pub priority: Option<i64>,
    /// The priority's name (`mkDefault`, `plain`, …).
    #[serde(default)]
    pub priority_name: Option<String>,
    /// For an attribute: the whole definition's priority, then each
    /// level's down to the attribute.
    #[serde(default)]
    pub priorities: Vec<Option<i64>>,
    /// Its order among merged list definitions (`mkBefore` 500, 1000, `mkAfter` 1500).
    #[serde(default)]
    pub order: Option<i64>,
    /// The order's name, when not the usual one.
    #[serde(default)]
    pub order_name: Option<String>,
    /// The value as Nix text.
    #[serde(default)]
    pub text: String,
    /// False when switched off by `mkIf false`.
    #[serde(default)]
    pub active: bool,
    /// Whether it is the option's default.
    #[serde(default)]
    pub default: bool,
    /// Whether it is among those that make the value.
    #[serde(default)]
    pub won: bool,
    /// Why it did not win.
    #[serde(default)]
    pub lost: Option<String>,
}

impl Position {
    /// `file:line:column`, or as much of it as is known.
    pub fn display(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }
}

impl Definition {
    /// Where it is written, as `file:line:column`.
    pub fn position(&self) -> Position {
        Position { file: self.file.clone(), line: self.line, column: self.column }
    }
}

/// Where the lines of rendered files come from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sources {
    /// The name of every rendered file (`units/NAME`, `nginx.conf`, `etc/PATH`).
    #[serde(default)]
    pub names: Vec<String>,
    /// By file (`units/NAME`, `nginx.conf`, `etc/PATH`), the origin of each
    /// line in order.
    #[serde(default)]
    pub files: BTreeMap<String, Vec<LineSource>>,
    /// Every option the lines name, explained.
    #[serde(default)]
    pub options: BTreeMap<String, Explanation>,
    /// The files' texts, when asked for.
    #[serde(default)]
    pub texts: BTreeMap<String, String>,
}

/// Where one line comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineSource {
    /// The options (or attributes) it is made from, as Nix shows them.
    #[serde(default)]
    pub options: Vec<String>,
    /// What NixOS adds on its own, when it does.
    #[serde(default)]
    pub note: Option<String>,
}

impl Explanation {
    /// Reads the JSON of `lib.nixpen.explain.option`.
    pub fn from_json(json: &str) -> Result<Explanation, String> {
        serde_json::from_str(json).map_err(|e| format!("unexpected shape of the explanation: {e}"))
    }

    /// The definitions that make the value.
    pub fn winners(&self) -> impl Iterator<Item = &Definition> {
        self.definitions.iter().filter(|d| d.won)
    }
}

impl Sources {
    /// Reads the JSON of `lib.nixpen.explain.outputs`.
    pub fn from_json(json: &str) -> Result<Sources, String> {
        serde_json::from_str(json).map_err(|e| format!("unexpected shape of the line sources: {e}"))
    }
}

/// Splits an option path as users write it into names: dots separate
/// names, double quotes keep dots inside one (`"foo.bar"`, with `\"` and
/// `\\` escapes).
///
/// ```
/// use nixpen_nixos::explain::parse_option_path;
/// assert_eq!(parse_option_path(r#"systemd.services."a.b".serviceConfig"#).unwrap(),
///            ["systemd", "services", "a.b", "serviceConfig"]);
/// assert!(parse_option_path("a..b").is_err());
/// ```
pub fn parse_option_path(path: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut chars = path.chars().peekable();
    loop {
        let mut name = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => name.push(chars.next().ok_or_else(|| format!("unfinished quote in '{path}'"))?),
                    Some(c) => name.push(c),
                    None => return Err(format!("unfinished quote in '{path}'")),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == '.' || c == '"' {
                    break;
                }
                name.push(c);
                chars.next();
            }
            if name.is_empty() {
                return Err(format!("'{path}' is not an option path (an empty name)"));
            }
        }
        names.push(name);
        match chars.next() {
            None => return Ok(names),
            Some('.') => {}
            Some(c) => return Err(format!("'{path}' is not an option path (unexpected '{c}')")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_paths_split_on_dots_outside_quotes() {
        assert_eq!(parse_option_path("services.nginx.enable").unwrap(), ["services", "nginx", "enable"]);
        assert_eq!(parse_option_path(r#"a."x\"y".b"#).unwrap(), ["a", "x\"y", "b"]);
        assert_eq!(parse_option_path(r#""""#).unwrap(), [""]);
        for bad in ["", "a.", ".a", r#"a."b"#, r#"a"b""#] {
            assert!(parse_option_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_an_explanation() {
        let json = r#"{"name":"a.b","loc":["a","b"],"kind":"attribute","option":"a","type":"str",
            "declarations":[{"file":"/m.nix","line":3,"column":5}],"isDefined":true,"valueText":"\"x\"",
            "definitions":[{"file":"/u.nix","line":1,"column":2,"priority":100,"priorityName":"plain",
            "priorities":[100,100],"order":1000,"orderName":null,"text":"\"x\"","active":true,
            "default":false,"won":true,"lost":null,"value":"x"}],"error":false,"why":"w"}"#;
        let e = Explanation::from_json(json).unwrap();
        assert_eq!(e.type_description.as_deref(), Some("str"));
        assert_eq!(e.winners().map(|d| d.position().display()).collect::<Vec<_>>(), ["/u.nix:1:2"]);
        assert_eq!(e.declarations[0].display(), "/m.nix:3:5");
        assert!(Explanation::from_json("[]").unwrap_err().contains("explanation"));
    }
}
