//! Reading a course folder: `course.toml`, then each step's folder
//! (`step.toml`, `text.md`, `start/`, `solution/`), into a [`Course`],
//! with every problem an author must fix, each naming its file.

use std::path::Path;

use super::checks::convert as convert_check;
use super::files::{default_entry, read_files};
use super::manifest::{CourseToml, StepToml};
use super::markdown::convert_all as convert_markdown;
use super::resolve::Resolver;
use crate::course::{Course, Step, StepKind};
use crate::run::MAX_CHECKS;
use crate::Playground;

/// The entry files the playground knows how to evaluate.
const ENTRIES: [&str; 2] = ["flake.nix", "configuration.nix"];

/// Reads the course in `dir` (evaluating types, values and patterns with
/// `playground`'s evaluator); `Err` lists every problem found.
pub fn load_course(dir: &Path, playground: &mut Playground) -> Result<Course, Vec<String>> {
    let mut problems = Vec::new();
    let id = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if !is_id(&id) {
        problems.push(format!("{}: a course's folder name is its id: lowercase letters, digits and -", dir.display()));
    }
    let manifest_path = dir.join("course.toml");
    let manifest: CourseToml = match read_toml(&manifest_path) {
        Ok(m) => m,
        Err(problem) => return Err(vec![problem]),
    };
    let mut resolver = Resolver::new(playground);
    let mut steps = Vec::new();
    let mut links = Vec::new();
    for step_id in &manifest.steps {
        let mut step_links = Vec::new();
        match load_step(&dir.join(step_id), step_id, &mut resolver, &mut step_links) {
            Ok(step) => steps.push(step),
            Err(step_problems) => problems.extend(step_problems),
        }
        links.extend(step_links.into_iter().map(|l| (step_id.clone(), l)));
    }
    for (from, to) in links {
        if !manifest.steps.contains(&to) {
            problems.push(format!(
                "{}: a link leads to `#{to}`, which is no step of this course",
                dir.join(&from).display()
            ));
        }
    }
    problems.extend(unlisted_folders(dir, &manifest.steps));
    for (i, step_id) in manifest.steps.iter().enumerate() {
        if manifest.steps[..i].contains(step_id) {
            problems.push(format!("{}: the step `{step_id}` is listed twice", manifest_path.display()));
        }
    }
    if manifest.steps.is_empty() {
        problems.push(format!("{}: `steps` lists no step", manifest_path.display()));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Course { id, title: manifest.title, summary: manifest.summary, steps })
}

/// Reads one step, adding the step ids its text and hints link to to `links`.
fn load_step(dir: &Path, id: &str, resolver: &mut Resolver, links: &mut Vec<String>) -> Result<Step, Vec<String>> {
    let at = |what: &str| format!("{}", dir.join(what).display());
    if !is_id(id) {
        return Err(vec![format!(
            "{}: a step's folder name is its id: lowercase letters, digits, - and _",
            dir.display()
        )]);
    }
    let raw: StepToml = read_toml(&dir.join("step.toml")).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let kind = match raw.kind.as_deref() {
        None | Some("exercise") => StepKind::Exercise,
        Some("reading") => StepKind::Reading,
        Some(other) => {
            problems.push(format!("{}: `kind` is \"exercise\" or \"reading\", not \"{other}\"", at("step.toml")));
            StepKind::Exercise
        }
    };
    let mut markdown = |what: String, text: &str, problems: &mut Vec<String>| {
        let (converted, found) = convert_markdown(text);
        links.extend(converted.step_links);
        problems.extend(found.into_iter().map(|p| format!("{what}: {p}")));
        converted.blocks
    };
    let text = match std::fs::read_to_string(dir.join("text.md")) {
        Ok(source) => markdown(at("text.md"), &source, &mut problems),
        Err(e) => {
            problems.push(format!("{}: {e}", at("text.md")));
            Vec::new()
        }
    };
    let hints: Vec<_> = raw
        .hints
        .iter()
        .enumerate()
        .map(|(i, hint)| markdown(format!("{}: hint {}", at("step.toml"), i + 1), hint, &mut problems))
        .collect();
    let entry = raw.entry.clone().unwrap_or_else(|| default_entry(&dir.join("start")).to_owned());
    if !ENTRIES.contains(&entry.as_str()) {
        problems.push(format!("{}: `entry` is flake.nix or configuration.nix, not {entry}", at("step.toml")));
    }
    let start = read_files(&dir.join("start"), Some(&entry)).map_err(|p| vec![p])?;
    let solution = match (dir.join("solution").is_dir(), kind) {
        (true, _) => read_files(&dir.join("solution"), Some(&entry)).map_err(|p| vec![p])?,
        (false, StepKind::Reading) => start.clone(),
        (false, StepKind::Exercise) => {
            problems.push(format!("{}: an exercise needs a solution", at("solution")));
            Vec::new()
        }
    };
    for (files, name) in [(&start, "start"), (&solution, "solution")] {
        if !files.is_empty() && !files.iter().any(|f| f.name == entry) {
            problems.push(format!("{}: there is no {entry}", at(name)));
        }
    }
    let flake = entry == "flake.nix";
    let mut checks = Vec::new();
    for (i, raw_check) in raw.checks.iter().enumerate() {
        match convert_check(raw_check, flake, resolver) {
            Ok(check) => checks.push(check),
            Err(p) => problems.push(format!("{}: check {}: {p}", at("step.toml"), i + 1)),
        }
    }
    if raw.checks.is_empty() {
        problems.push(format!("{}: a step needs at least one [[check]]", at("step.toml")));
    }
    if raw.checks.len() > MAX_CHECKS {
        problems.push(format!("{}: a step has at most {MAX_CHECKS} checks", at("step.toml")));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Step { id: id.to_owned(), title: raw.title, kind, entry, attr: raw.attr, text, hints, start, solution, checks })
}

/// Folders of the course that `course.toml` does not list.
fn unlisted_folders(dir: &Path, steps: &[String]) -> Vec<String> {
    let Ok(listing) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<String> = listing
        .flatten()
        .filter(|item| item.path().is_dir())
        .map(|item| item.file_name().to_string_lossy().into_owned())
        .filter(|name| !steps.contains(name))
        .map(|name| format!("{}: this folder is not listed in course.toml's `steps`", dir.join(name).display()))
        .collect();
    found.sort();
    found
}

/// Reads a TOML file as `T`, the error naming the file.
fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.to_string().trim_end()))
}

/// Whether `name` is a plain id: lowercase ASCII letters, digits, `-`, `_`.
fn is_id(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}
