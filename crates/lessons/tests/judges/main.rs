//! Every judge of lesson checks (`<nixpkgs/nixpen/lesson-checks.nix>`),
//! passing and failing with the detail a learner reads, run as
//! `nixpen lesson check` runs them: through [`Playground`], the native
//! engine. One file per family of checks; each builds the configuration
//! it needs from a few lines of NixOS.

mod errors;
mod firewall;
mod nginx;
mod options;
mod text;
mod units;
mod values;

use nixpen_lessons::check::{Check, Setting, Test};
use nixpen_lessons::{File, Playground};

/// A check of `test` on the configuration as it is.
pub fn check(test: Test) -> Check {
    Check { label: String::new(), with: Vec::new(), test }
}

/// A check of `test` with `option` forced to `json` (a JSON value).
pub fn with(option: &str, json: &str, test: Test) -> Check {
    let value = serde_json::from_str(json).unwrap();
    Check { label: String::new(), with: vec![Setting { option: option.into(), value }], test }
}

/// The verdicts on `checks` for `files` (name, text), the first being the
/// entry: `None` for a pass, else the failure's detail.
pub fn judge(files: &[(&str, &str)], checks: &[Check]) -> Vec<Option<String>> {
    let files: Vec<File> = files.iter().map(|(n, t)| File { name: (*n).into(), text: (*t).into() }).collect();
    let verdicts = Playground::new().check(&files, &files[0].name, None, checks);
    verdicts.into_iter().map(|v| if v.passed { None } else { Some(v.detail.unwrap_or_default()) }).collect()
}

/// The verdicts on `tests` for a `configuration.nix` whose `config` is
/// `body` (with `config`, `lib` and `pkgs` in scope).
pub fn on(body: &str, tests: Vec<Test>) -> Vec<Option<String>> {
    let module = format!("{{ config, lib, pkgs, ... }}:\n{{\n{body}\n}}\n");
    judge(&[("configuration.nix", &module)], &tests.into_iter().map(check).collect::<Vec<_>>())
}

/// Expected verdicts: `None` passes, `Some(detail)` fails so.
pub fn expect(found: &[Option<String>], expected: &[Option<&str>]) {
    assert_eq!(found.iter().map(Option::as_deref).collect::<Vec<_>>(), expected);
}
