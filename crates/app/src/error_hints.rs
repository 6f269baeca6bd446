//! Where an error should send the user, when Nix's own position does not
//! help: a file that ends with a bracket or string still open is blamed on
//! that opening (Nix points at the end of the file); an error raised inside
//! our nixpkgs (a type check in `lib/modules.nix`) points at the user's
//! definition its message names ("- In `/playground/flake.nix': 70000").
//! Nix's text stays as it is; a note says why the position differs.

use crate::brackets::{line_column, unclosed};
use crate::protocol::{ErrorPos, ErrorReport, PLAYGROUND_DIR};

/// The file name Nix gives a module that has no file (a flake's inline modules).
const UNKNOWN_FILE: &str = "<unknown-file>";

/// Moves `report.pos` to where the user can act, if Nix's is not such a
/// place. `files` are the user's files (and the options form's module) as
/// (absolute path, text), the entry first.
pub fn improve(report: &mut ErrorReport, files: &[(String, &str)]) {
    // A builtin's error (a `throw`) carries its position in the text only.
    if report.pos.is_none() {
        report.pos = raised_at(&report.rendered);
    }
    let Some(pos) = &report.pos else { return };
    if report.message.contains("unexpected end of file") {
        if let Some((_, text)) = files.iter().find(|(path, _)| *path == pos.file) {
            if let Some(at) = unclosed(text) {
                let (line, column) = line_column(text, at);
                let open = ["${", "''", "{", "[", "(", "\""]
                    .into_iter()
                    .find(|o| text[at..].starts_with(o))
                    .unwrap_or("bracket");
                report.note = Some(format!(
                    "This {open} is never closed: the file ends at line {}, column {} with it still open.",
                    pos.line, pos.column
                ));
                report.pos = Some(ErrorPos { file: pos.file.clone(), line, column });
            }
        }
        return;
    }
    if pos.file.starts_with(PLAYGROUND_DIR) {
        return;
    }
    if let Some(found) = definition(&report.message, files) {
        report.note = Some(format!(
            "Raised inside nixpkgs ({}:{}); the definition it names is here.",
            pos.file.trim_start_matches("/nixpen/nixpkgs/"),
            pos.line
        ));
        report.pos = Some(found);
    }
}

/// The position Nix's text gives (`at FILE:LINE:COLUMN:`), if any.
fn raised_at(rendered: &str) -> Option<ErrorPos> {
    let at = rendered.lines().find_map(|line| line.trim_start().strip_prefix("at /"))?;
    let mut parts = at.trim_end_matches(':').rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some(ErrorPos { file: format!("/{}", parts.next()?), line, column })
}

/// The user's definition a module-system message names: the option
/// (`` The option `a.b.port' ``) and the files of its definitions
/// (`` - In `FILE': VALUE ``); the line that sets the option there.
fn definition(message: &str, files: &[(String, &str)]) -> Option<ErrorPos> {
    let option = between(message, "option `", "'")?;
    let last = option.split('.').rfind(|part| !part.starts_with('"'))?;
    let mut lines = message.lines().filter_map(|line| line.trim_start().strip_prefix("- In `"));
    lines.find_map(|line| {
        let (file, value) = line.split_once("':")?;
        let value = value.trim();
        files
            .iter()
            .filter(|(path, _)| file == UNKNOWN_FILE || path == file)
            .find_map(|(path, text)| setting(text, option, last, value).map(|at| (path, text, at)))
            .map(|(path, text, at)| {
                let (line, column) = line_column(text, at);
                ErrorPos { file: path.clone(), line, column }
            })
    })
}

/// The byte offset of the line in `text` that most likely sets `option`
/// (whose last name is `last`) to `value`: `last = value`, else the whole
/// path set, else `last =` that is not a declaration.
fn setting(text: &str, option: &str, last: &str, value: &str) -> Option<usize> {
    let mut best: Option<(u8, usize)> = None;
    let mut start = 0;
    for line in text.split('\n') {
        let trimmed = line.trim_start();
        let at = start + line.len() - trimmed.len();
        start += line.len() + 1;
        let Some(name_at) = find_name(trimmed, last) else { continue };
        let rest = trimmed[name_at + last.len()..].trim_start();
        // `port = …`, or `unheardof.enable = …` (a path below the option).
        let Some(rhs) = rest.strip_prefix('=').or(rest.starts_with('.').then_some(rest)) else { continue };
        let score = if !value.is_empty() && rhs.contains(value) {
            3
        } else if trimmed.contains(option) {
            2
        } else if !rhs.contains("mkOption") && !rhs.contains("mkEnableOption") {
            1
        } else {
            continue;
        };
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, at + name_at));
        }
    }
    best.map(|(_, at)| at)
}

/// Where `name` stands in `line` as a whole attribute name.
fn find_name(line: &str, name: &str) -> Option<usize> {
    line.match_indices(name).map(|(i, _)| i).find(|&i| {
        let before = line[..i].chars().next_back();
        let after = line[i + name.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '\'');
        !word(before) && !word(after)
    })
}

/// The text between the first `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    Some(&text[start..start + text[start..].find(close)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(message: &str, file: &str, line: u32) -> ErrorReport {
        ErrorReport {
            message: message.into(),
            pos: Some(ErrorPos { file: file.into(), line, column: 1 }),
            rendered: format!("error: {message}"),
            note: None,
        }
    }

    #[test]
    fn an_open_bracket_is_blamed_not_the_end_of_the_file() {
        let text = "{\n  options = {\n    port = mkOption {\n  };\n}\n";
        let mut r = report("syntax error, unexpected end of file", "/playground/flake.nix", 6);
        improve(&mut r, &[("/playground/flake.nix".into(), text)]);
        assert_eq!(r.pos, Some(ErrorPos { file: "/playground/flake.nix".into(), line: 3, column: 21 }));
        assert!(r.note.unwrap().starts_with("This { is never closed: the file ends at line 6, column 1"));
    }

    #[test]
    fn a_type_error_in_nixpkgs_points_at_the_users_definition() {
        let message =
            "A definition for option `xeserv.services.gohello.port' is not of type `16 bit unsigned integer'. \
                       Definition values:\n       - In `<unknown-file>': 70000";
        let text =
            "{\n  port = mkOption { type = types.port; };\n  x = {\n    xeserv.services.gohello.port = 70000;\n  };\n}";
        let mut r = report(message, "/nixpen/nixpkgs/lib/modules.nix", 226);
        improve(&mut r, &[("/playground/flake.nix".into(), text)]);
        assert_eq!(r.pos, Some(ErrorPos { file: "/playground/flake.nix".into(), line: 4, column: 29 }));
        assert_eq!(
            r.note.as_deref(),
            Some("Raised inside nixpkgs (lib/modules.nix:226); the definition it names is here.")
        );
        let form = "{ lib, ... }:\n\n{\n  xeserv.services.gohello.port = lib.mkForce 70000;\n}\n";
        let message = message.replace("<unknown-file>", "/form/overrides.nix");
        let mut r = report(&message, "/nixpen/nixpkgs/lib/modules.nix", 226);
        improve(&mut r, &[("/playground/flake.nix".into(), text), ("/form/overrides.nix".into(), form)]);
        assert_eq!(r.pos, Some(ErrorPos { file: "/form/overrides.nix".into(), line: 4, column: 27 }));
    }

    #[test]
    fn a_position_only_in_the_text_is_read_from_it() {
        let mut r = report(
            "A definition for option `a.port' is not of type `port'. Definition values:\n- In `/playground/c.nix': 7",
            "",
            0,
        );
        r.pos = None;
        r.rendered = format!("error: {}\n       at /nixpen/nixpkgs/lib/modules.nix:226:7:\n          225|", r.message);
        improve(&mut r, &[("/playground/c.nix".into(), "{\n  a.port = 7;\n}")]);
        assert_eq!(r.pos, Some(ErrorPos { file: "/playground/c.nix".into(), line: 2, column: 5 }));
        assert!(r.note.unwrap().contains("(lib/modules.nix:226)"));
    }

    #[test]
    fn an_option_set_by_a_longer_path_is_found() {
        let message = "The option `services.unheardof' does not exist. Definition values:\n- In `/playground/c.nix':\n    {\n      enable = true;\n    }";
        let mut r = report(message, "/nixpen/nixpkgs/nixos/modules/system/build.nix", 104);
        improve(&mut r, &[("/playground/c.nix".into(), "{ ... }: {\n  services.unheardof.enable = true;\n}")]);
        assert_eq!(r.pos, Some(ErrorPos { file: "/playground/c.nix".into(), line: 2, column: 12 }));
    }

    #[test]
    fn list_entries_and_positions_in_the_users_files_stay() {
        let message = "A definition for option `networking.firewall.allowedTCPPorts.\"[definition 1-entry 1]\"' is not of type `port'. \
                       Definition values:\n- In `/playground/c.nix': \"x\"";
        let text = "{ ... }: {\n  networking.firewall.allowedTCPPorts = [ \"x\" ];\n}";
        let mut r = report(message, "/nixpen/nixpkgs/lib/modules.nix", 226);
        improve(&mut r, &[("/playground/c.nix".into(), text)]);
        assert_eq!(r.pos.unwrap().line, 2);
        let mut r = report("undefined variable 'x'", "/playground/c.nix", 2);
        improve(&mut r, &[("/playground/c.nix".into(), text)]);
        assert_eq!((r.pos.unwrap().line, r.note), (2, None));
    }
}
