//! TOML values written as Nix source (a check's `with`, `default` and
//! `equals`): `8080`, `"text"`, `[ 1 2 ]`, `{ a = 1; }`; and as JSON (a
//! `with` value, which the judges read with `builtins.fromJSON`).

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

/// `value` as JSON, which `builtins.fromJSON` reads as the Nix value
/// [`to_nix`] writes; `Err` for what Nix has no value for.
///
/// ```text
/// to_json(&toml::Value::Integer(8080)) == Ok(serde_json::json!(8080))
/// ```
pub fn to_json(value: &toml::Value) -> Result<serde_json::Value, String> {
    Ok(match value {
        toml::Value::String(s) => s.clone().into(),
        toml::Value::Integer(n) => (*n).into(),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).ok_or(format!("Nix has no number {f}"))?.into(),
        toml::Value::Boolean(b) => (*b).into(),
        toml::Value::Datetime(d) => return Err(format!("Nix has no dates: write \"{d}\" as a string")),
        toml::Value::Array(items) => items.iter().map(to_json).collect::<Result<Vec<_>, _>>()?.into(),
        toml::Value::Table(table) => {
            let entries: Result<serde_json::Map<String, serde_json::Value>, String> =
                table.iter().map(|(name, value)| Ok((name.clone(), to_json(value)?))).collect();
            entries?.into()
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

    #[test]
    fn toml_values_become_json() {
        let json = |toml_text: &str| {
            let table: toml::Table = toml::from_str(&format!("v = {toml_text}")).unwrap();
            to_json(&table["v"]).map(|v| v.to_string())
        };
        assert_eq!(json("8080").unwrap(), "8080");
        assert_eq!(json(r#"[1.5, "a", { b = true }]"#).unwrap(), r#"[1.5,"a",{"b":true}]"#);
        assert!(json("1979-05-27").is_err());
        assert!(json("nan").is_err());
    }
}
