//! TOML values written as Nix source (a check's `with`, `default` and
//! `equals`): `8080`, `"text"`, `[ 1 2 ]`, `{ a = 1; }`.

use nixpen_eval::print::{attr_name, escape_str};

/// `value` as Nix source; `Err` for what Nix has no literal for (TOML's dates).
///
/// ```text
/// to_nix(&toml::Value::Integer(-1)) == Ok("-1")
/// ```
pub fn to_nix(value: &toml::Value) -> Result<String, String> {
    Ok(match value {
        toml::Value::String(s) => escape_str(s),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(f) if f.is_finite() => format!("{f:?}"),
        toml::Value::Float(f) => return Err(format!("Nix has no number {f}")),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => return Err(format!("Nix has no dates: write \"{d}\" as a string")),
        toml::Value::Array(items) => {
            let items: Result<Vec<String>, String> = items.iter().map(element).collect();
            let items = items?;
            if items.is_empty() {
                "[ ]".to_owned()
            } else {
                format!("[ {} ]", items.join(" "))
            }
        }
        toml::Value::Table(table) => {
            let mut text = String::from("{ ");
            for (name, value) in table {
                text.push_str(&format!("{} = {}; ", attr_name(name), to_nix(value)?));
            }
            text.push('}');
            text
        }
    })
}

/// A list element: a negative number in parentheses (`[ -1 ]` is a subtraction).
fn element(value: &toml::Value) -> Result<String, String> {
    let text = to_nix(value)?;
    Ok(if text.starts_with('-') { format!("({text})") } else { text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nix(toml_text: &str) -> Result<String, String> {
        let table: toml::Table = toml::from_str(&format!("v = {toml_text}")).unwrap();
        to_nix(&table["v"])
    }

    #[test]
    fn toml_values_become_nix() {
        assert_eq!(nix("8080").unwrap(), "8080");
        assert_eq!(nix(r#""a\"${b}""#).unwrap(), r#""a\"\${b}""#);
        assert_eq!(nix("[1, -2, true]").unwrap(), "[ 1 (-2) true ]");
        assert_eq!(nix("[]").unwrap(), "[ ]");
        assert_eq!(nix("{ a = 1.5, \"b c\" = \"x\" }").unwrap(), "{ a = 1.5; \"b c\" = \"x\"; }");
        assert!(nix("1979-05-27").unwrap_err().contains("no dates"));
    }
}
