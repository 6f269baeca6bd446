//! `nixpen lesson check` and `nixpen lesson build`: the repository's
//! courses pass; a course with a wrong step, a solution that fails or text
//! that cannot be shown safely is reported, with exit status 1; the bundle
//! reads back as courses.

mod common;
use common::nixpen;

use std::path::{Path, PathBuf};

use nixpen_lessons::{Course, CourseEntry, StepKind};

/// The repository's `lessons/`.
fn lessons() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../lessons").canonicalize().unwrap()
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nixpen-lessons-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `files` (path, text) under `dir`.
fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

const NGINX: &str = "{ ... }: { services.nginx.enable = true; }\n";
const EMPTY: &str = "{ ... }: { }\n";

#[test]
fn the_repository_courses_pass() {
    let (ok, out, err) = nixpen(&["lesson", "check", lessons().to_str().unwrap()]);
    assert!(ok, "{out}\n{err}");
    assert!(out.contains("course flake-modules ("), "{out}");
    assert!(out.contains("course module-system ("), "{out}");
    let steps = out.lines().filter(|l| l.starts_with("  ok   ")).count();
    assert_eq!(steps, 13, "{out}");
    assert!(out.ends_with("lessons: 13 passed, 0 failed\n"), "{out}");
    assert!(out.contains("ok   07-port: exercise; solution passes 5/5 checks, start passes 1/5"), "{out}");
}

#[test]
fn wrong_steps_are_reported() {
    let dir = scratch("wrong").join("demo");
    write(
        &dir,
        &[
            ("course.toml", "title = \"Demo\"\nsummary = \"A demo.\"\nsteps = [\"01-done\", \"02-broken\"]\n"),
            // An exercise whose start already passes.
            ("01-done/step.toml", "title = \"Done\"\n[[check]]\nunit = \"nginx.service\"\n"),
            ("01-done/text.md", "Enable nginx.\n"),
            ("01-done/start/configuration.nix", NGINX),
            ("01-done/solution/configuration.nix", NGINX),
            // An exercise whose solution fails.
            ("02-broken/step.toml", "title = \"Broken\"\n[[check]]\nport = 80\n"),
            ("02-broken/text.md", "Open port 80, see [step one](#01-done).\n"),
            ("02-broken/start/configuration.nix", EMPTY),
            ("02-broken/solution/configuration.nix", NGINX),
        ],
    );
    let (ok, out, _) = nixpen(&["lesson", "check", dir.to_str().unwrap()]);
    assert!(!ok, "{out}");
    assert!(out.contains("FAIL 01-done: exercise; solution passes 1/1 checks, start passes 1/1"), "{out}");
    assert!(out.contains("the starting files already pass every check: nothing is left to do"), "{out}");
    assert!(out.contains("FAIL 02-broken: exercise; solution passes 0/1 checks"), "{out}");
    assert!(out.contains("solution fails: The firewall lets TCP port 80 in"), "{out}");
    assert!(out.contains("found: the TCP ports the firewall lets in: none"), "{out}");
    assert!(out.ends_with("lessons: 0 passed, 2 failed\n"), "{out}");
}

#[test]
fn a_course_that_cannot_be_read_names_each_problem() {
    let dir = scratch("unreadable").join("demo");
    write(
        &dir,
        &[
            ("course.toml", "title = \"Demo\"\nsummary = \"A demo.\"\nsteps = [\"01-a\"]\n"),
            (
                "01-a/step.toml",
                "title = \"A\"\nhints = [\"<em>no</em>\"]\n[[check]]\nport = 80\nkey = \"x\"\n[[check]]\nunit = \"nginx\"\n\
                 [[check]]\netc = \"motd\"\nmatches = '\\d+'\n[[check]]\netc = \"motd\"\nmatches = 'a{2'\n",
            ),
            ("01-a/text.md", "See [b](#02-b) and [c](file:///etc/passwd).\n"),
            ("01-a/start/configuration.nix", EMPTY),
            ("01-a/solution/configuration.nix", NGINX),
            ("02-stray/step.toml", "title = \"Stray\"\n"),
        ],
    );
    let (ok, out, _) = nixpen(&["lesson", "check", dir.to_str().unwrap()]);
    assert!(!ok, "{out}");
    assert!(out.contains("cannot be read"), "{out}");
    for problem in [
        "step.toml: hint 1: raw HTML is not allowed: `<em>`",
        "step.toml: check 1: `key` does not go with `port`",
        "step.toml: check 2: `unit` is a unit's file name, such as \"nginx.service\"",
        "step.toml: check 3: `matches` is not portable: `\\d` is not POSIX",
        "step.toml: check 4: `matches` is not a valid regular expression: invalid regular expression 'a{2'",
        "text.md: a link may lead to an http(s) address or to a step (`#step-id`), not to `file:///etc/passwd`",
        "01-a: a link leads to `#02-b`, which is no step of this course",
        "02-stray: this folder is not listed in course.toml's `steps`",
    ] {
        assert!(out.contains(problem), "missing `{problem}` in:\n{out}");
    }
    let (ok, _, err) = nixpen(&["lesson", "build", dir.to_str().unwrap(), dir.join("out").to_str().unwrap()]);
    assert!(!ok && err.contains("nothing written"), "{err}");
}

#[test]
fn the_bundle_reads_back_as_courses() {
    let out = scratch("bundle");
    let (ok, printed, err) = nixpen(&["lesson", "build", lessons().to_str().unwrap(), out.to_str().unwrap()]);
    assert!(ok, "{printed}\n{err}");
    let index: Vec<CourseEntry> =
        serde_json::from_str(&std::fs::read_to_string(out.join("index.json")).unwrap()).unwrap();
    let ids: Vec<&str> = index.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["flake-modules", "module-system"]);
    let course: Course =
        serde_json::from_str(&std::fs::read_to_string(out.join("flake-modules.json")).unwrap()).unwrap();
    assert_eq!(course.steps.len(), index[0].steps);
    let port = &course.steps[course.find_step("07-port").unwrap()];
    assert_eq!((port.kind, port.entry.as_str()), (StepKind::Exercise, "flake.nix"));
    assert_eq!(port.start[0].name, "flake.nix");
    assert!(port.checks[0].label.contains("of type `port`"), "{:?}", port.checks[0]);
    assert!(port.hints.len() >= 2);
    assert!(printed.contains("flake-modules.json: "), "{printed}");
}

/// The course written out in docs/lessons.md: its code blocks marked
/// `file=PATH`, written to disk, pass `lesson check` as the page says.
#[test]
fn the_documented_course_passes_as_documented() {
    let doc = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/lessons.md")).unwrap();
    let dir = scratch("documented");
    let mut files = 0;
    let mut lines = doc.lines();
    let mut expected = Vec::new();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else { continue };
        let body: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
        if let Some(path) = info.split_whitespace().find_map(|word| word.strip_prefix("file=")) {
            write(&dir, &[(path, &format!("{}\n", body.join("\n")))]);
            files += 1;
        } else if body.first().is_some_and(|l| l.starts_with("course hello (")) {
            expected = body.iter().skip(1).map(|l| l.to_string()).collect();
        }
    }
    assert_eq!(files, 9, "the example course's files");
    let (ok, out, err) = nixpen(&["lesson", "check", dir.join("hello").to_str().unwrap()]);
    assert!(ok, "{out}\n{err}");
    let printed: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(printed, expected, "{out}");
}
