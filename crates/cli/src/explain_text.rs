//! `nixpen explain` as text: an option with its value, type, declarations,
//! definitions (where, priority, which won and why), and a rendered file
//! with the options each line comes from.

use nixpen_nixos::explain::{Definition, Explanation, Sources};

/// `text` with every line after the first indented by `indent`.
fn indented(text: &str, indent: &str) -> String {
    text.trim_end().replace('\n', &format!("\n{indent}"))
}

/// A definition's priority: `plain (100)`, and for an attribute written
/// inside a definition of another priority, that one too.
fn priority(d: &Definition) -> String {
    let Some(p) = d.priority else { return "switched off".into() };
    let name = d.priority_name.clone().unwrap_or_else(|| p.to_string());
    let mut text = format!("{name} ({p})");
    if let Some(Some(outer)) = d.priorities.first().filter(|_| d.priorities.len() > 1) {
        if *outer != p {
            text.push_str(&format!(" in a {} ({outer}) definition", priority_name(*outer)));
        }
    }
    if let Some(order) = &d.order_name {
        text.push_str(&format!(", {order}"));
    }
    text
}

/// The usual name of a priority number.
fn priority_name(p: i64) -> String {
    match p {
        50 => "mkForce".into(),
        100 => "plain".into(),
        1000 => "mkDefault".into(),
        1500 => "option default".into(),
        other => format!("mkOverride {other}"),
    }
}

/// One option or attribute, as `nixpen explain PATH OPTION` prints it.
pub fn option(e: &Explanation) -> String {
    let mut out = format!("{}\n", e.name);
    if e.kind == "attribute" {
        if let Some(option) = &e.option {
            out.push_str(&format!("  attribute of: {option}\n"));
        }
    }
    if let Some(t) = &e.type_description {
        out.push_str(&format!("  type: {t}\n"));
    }
    match &e.value_text {
        Some(v) => out.push_str(&format!("  value: {}\n", indented(v, "         "))),
        None if e.error => out.push_str("  value: <error: it fails to evaluate>\n"),
        None if !e.is_defined => out.push_str("  value: none (not defined)\n"),
        None => {}
    }
    for d in &e.declarations {
        out.push_str(&format!("  declared at: {}\n", d.display()));
    }
    if !e.definitions.is_empty() {
        out.push_str("  definitions:\n");
    }
    let mut i = 0;
    while i < e.definitions.len() {
        let d = &e.definitions[i];
        // Switched-off definitions written at one place (a module's mkIf
        // around several) are shown once, counted.
        let same =
            e.definitions[i..].iter().take_while(|o| !o.active && !d.active && o.position() == d.position()).count();
        let times = if same > 1 { format!(" (×{same})") } else { String::new() };
        let mark = if d.won { "  [wins]" } else { "" };
        let what = if d.default { " (the option's default)" } else { "" };
        out.push_str(&format!("    {}{what}  {}{times}{mark}\n", d.position().display(), priority(d)));
        if d.active {
            out.push_str(&format!("        {}\n", indented(&d.text, "        ")));
        }
        if let Some(lost) = d.lost.as_ref().filter(|_| d.active) {
            out.push_str(&format!("        lost: {lost}\n"));
        }
        i += same.max(1);
    }
    if let Some(why) = &e.why {
        out.push_str(&format!("  why: {why}\n"));
    }
    if let Some(description) = e.description.as_deref().filter(|d| !d.trim().is_empty()) {
        out.push_str(&format!("  description: {}\n", indented(description, "    ")));
    }
    out
}

/// Where the winning definitions of an option are, for a line's note.
fn winners(e: &Explanation) -> String {
    let places: Vec<String> =
        e.winners().map(|d| if d.default { "its default".to_owned() } else { d.position().display() }).collect();
    if places.is_empty() {
        String::new()
    } else {
        format!("  ({})", places.join(", "))
    }
}

/// A rendered file, each line followed by the options it comes from, as
/// `nixpen explain PATH --file NAME` prints it.
pub fn file(sources: &Sources, name: &str) -> String {
    let text = sources.texts.get(name).map(String::as_str).unwrap_or("");
    let origins = sources.files.get(name).map(Vec::as_slice).unwrap_or(&[]);
    let mut out = format!("{name}\n");
    let width = text.lines().count().to_string().len();
    for (n, line) in text.lines().enumerate() {
        out.push_str(&format!("{:>width$}  {line}\n", n + 1));
        let pad = " ".repeat(width + 2);
        let Some(origin) = origins.get(n) else { continue };
        for option in &origin.options {
            let place = sources.options.get(option).map(winners).unwrap_or_default();
            out.push_str(&format!("{pad}  <- {option}{place}\n"));
        }
        if let Some(note) = &origin.note {
            out.push_str(&format!("{pad}  note: {note}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nixpen_nixos::explain::{LineSource, Position};

    fn definition(file: &str, line: u32, priorities: &[i64], won: bool) -> Definition {
        let p = *priorities.last().unwrap();
        Definition {
            file: file.into(),
            line: Some(line),
            column: Some(5),
            priority: Some(p),
            priority_name: Some(priority_name(p)),
            priorities: priorities.iter().map(|&p| Some(p)).collect(),
            text: "\"x\"".into(),
            active: true,
            won,
            lost: (!won).then(|| "beaten".into()),
            ..Definition::default()
        }
    }

    #[test]
    fn an_attribute_names_its_definitions_and_the_winner() {
        let e = Explanation {
            name: "a.b".into(),
            kind: "attribute".into(),
            option: Some("a".into()),
            type_description: Some("str".into()),
            value_text: Some("\"x\"".into()),
            is_defined: true,
            declarations: vec![Position { file: "/m.nix".into(), line: Some(1), column: Some(2) }],
            definitions: vec![definition("/u.nix", 3, &[100, 100], true), definition("/v.nix", 4, &[1000, 100], false)],
            why: Some("because".into()),
            ..Explanation::default()
        };
        let text = option(&e);
        assert!(text.contains("attribute of: a\n"), "{text}");
        assert!(text.contains("/u.nix:3:5  plain (100)  [wins]"), "{text}");
        assert!(text.contains("/v.nix:4:5  plain (100) in a mkDefault (1000) definition\n"), "{text}");
        assert!(text.contains("lost: beaten") && text.contains("why: because"), "{text}");
    }

    #[test]
    fn a_file_lists_each_line_with_its_options() {
        let mut sources = Sources::default();
        sources.texts.insert("units/a".into(), "[Unit]\nDescription=A\n".into());
        sources.files.insert(
            "units/a".into(),
            vec![
                LineSource { options: vec![], note: Some("a header".into()) },
                LineSource { options: vec!["d".into()], note: None },
            ],
        );
        let mut d = Explanation { name: "d".into(), ..Explanation::default() };
        d.definitions.push(definition("/u.nix", 7, &[100], true));
        sources.options.insert("d".into(), d);
        assert_eq!(
            file(&sources, "units/a"),
            "units/a\n1  [Unit]\n     note: a header\n2  Description=A\n     <- d  (/u.nix:7:5)\n"
        );
    }
}
