//! Attribute paths as authors write them (`systemd.services."xeserv.gohello".enable`),
//! checked when a course is read; the judges split them alike
//! (`splitPath` in `nixpen/lesson-checks/helpers.nix`).

/// The names of a dotted path; a name holding dots is written in double
/// quotes. `Err` says what is wrong with it.
///
/// ```
/// use nixpen_lessons::author::path::split;
/// assert_eq!(split("services.nginx.enable").unwrap(), ["services", "nginx", "enable"]);
/// assert_eq!(split(r#"systemd.services."xeserv.gohello".enable"#).unwrap(),
///            ["systemd", "services", "xeserv.gohello", "enable"]);
/// assert!(split("a..b").is_err());
/// ```
pub fn split(path: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    loop {
        let (name, after) = if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').ok_or_else(|| format!("the path `{path}` has an unclosed quote"))?;
            (quoted[..end].to_owned(), &quoted[end + 1..])
        } else {
            let end = rest.find('.').unwrap_or(rest.len());
            (rest[..end].to_owned(), &rest[end..])
        };
        if name.is_empty() {
            return Err(format!("the path `{path}` has an empty name"));
        }
        names.push(name);
        match after.strip_prefix('.') {
            Some(next) => rest = next,
            None if after.is_empty() => return Ok(names),
            None => return Err(format!("the path `{path}` has text after a quoted name")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_paths() {
        assert!(split(r#"a."b"c"#).is_err());
        assert!(split(r#"a."b"#).is_err());
        assert!(split("").is_err());
    }
}
