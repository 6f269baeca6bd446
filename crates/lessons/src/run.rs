//! Running a step's checks on the learner's files: the checks are grouped
//! by their `with` options; each group is one [`Observation`] (the
//! configuration extended with a module forcing those options, written
//! outside the playground, as the options form's overrides are); then each
//! check is judged. The evaluator is reached through [`Host`], which the
//! browser's worker and `nixpen lesson check` ([`crate::Playground`])
//! implement over their own evaluator.

use std::collections::BTreeMap;

use nixpen_eval::print::escape_str;
use nixpen_nixos::target::{extend_expr, render_expr_of};
use nixpen_nixos::{Rendered, Target};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::check::{Check, Setting, Test};
use crate::judge::{judge, Verdict};
use crate::observe::{Failure, Observation, OptionFacts, Outcome, PLAYGROUND_DIR};
use crate::path;

/// The folder where the modules forcing a check's `with` options are
/// written: outside the playground, so a flake's `./.` (its source, hence
/// its store paths) stays the same.
pub const MODULE_DIR: &str = "/lesson";

/// An evaluator holding the learner's files under [`PLAYGROUND_DIR`] and
/// the embedded nixpkgs at `<nixpkgs>`.
pub trait Host {
    /// Adds (or replaces) the file `path`, outside the playground.
    fn write_file(&mut self, path: &str, text: &str);

    /// Evaluates the Nix expression `expr` strictly and prints it as JSON;
    /// appends the evaluator's `warning:`/`trace:` lines to `messages`.
    fn eval_json(&mut self, expr: &str, messages: &mut Vec<String>) -> Outcome<String>;

    /// Reads JSON text as `T` (natively with `serde_json`; the browser's
    /// worker may use the JavaScript engine's parser instead).
    fn decode<T: DeserializeOwned>(&self, json: &str) -> Result<T, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }
}

/// What the playground evaluates for a step whose entry file is `entry`:
/// `flake.nix` is a flake (its configuration `attr`, or its only one), any
/// other file a NixOS module.
///
/// ```
/// use nixpen_nixos::Target;
/// assert_eq!(nixpen_lessons::run::target_of("configuration.nix", None),
///            Target::Module { path: "/playground/configuration.nix".into() });
/// ```
pub fn target_of(entry: &str, attr: Option<&str>) -> Target {
    if entry == "flake.nix" {
        Target::Flake { dir: PLAYGROUND_DIR.into(), attr: attr.map(str::to_owned) }
    } else {
        Target::Module { path: format!("{PLAYGROUND_DIR}/{entry}") }
    }
}

/// Runs `checks` on the configuration `target` of the host's files; one
/// verdict per check, in order.
pub fn run_checks(host: &mut impl Host, target: &Target, checks: &[Check]) -> Vec<Verdict> {
    let mut verdicts: Vec<Option<Verdict>> = vec![None; checks.len()];
    for (index, (settings, members)) in groups(checks).into_iter().enumerate() {
        let modules = match settings.is_empty() {
            true => Vec::new(),
            false => {
                let file = format!("{MODULE_DIR}/with-{index}.nix");
                host.write_file(&file, &module_text(settings));
                vec![file]
            }
        };
        let tests: Vec<&Test> = members.iter().map(|&i| &checks[i].test).collect();
        let observation = observe(host, target, &modules, &tests);
        for i in members {
            verdicts[i] = Some(judge(&checks[i].test, &observation));
        }
    }
    verdicts.into_iter().map(|v| v.unwrap_or_else(|| Verdict::fail("(Nixpen) the check was not run"))).collect()
}

/// The checks' distinct `with` settings, in order of first use, each with
/// the indices of its checks.
fn groups(checks: &[Check]) -> Vec<(&[Setting], Vec<usize>)> {
    let mut groups: Vec<(&[Setting], Vec<usize>)> = Vec::new();
    for (i, check) in checks.iter().enumerate() {
        match groups.iter_mut().find(|(settings, _)| *settings == check.with.as_slice()) {
            Some((_, members)) => members.push(i),
            None => groups.push((&check.with, vec![i])),
        }
    }
    groups
}

/// The NixOS module forcing `settings` (`lib.mkForce`, as the options
/// form does, so it wins over the learner's own definitions).
///
/// ```
/// use nixpen_lessons::check::Setting;
/// let text = nixpen_lessons::run::module_text(&[Setting { option: "a.port".into(), nix: "8080".into() }]);
/// assert_eq!(text, "{ lib, ... }:\n{\n  a.port = lib.mkForce (8080);\n}\n");
/// ```
pub fn module_text(settings: &[Setting]) -> String {
    let mut text = String::from("{ lib, ... }:\n{\n");
    for setting in settings {
        let names = path::split(&setting.option).unwrap_or_else(|_| vec![setting.option.clone()]);
        text.push_str(&format!("  {} = lib.mkForce ({});\n", path::to_attr_path(&names), setting.nix));
    }
    text.push_str("}\n");
    text
}

/// Observes the configuration extended with `modules`, reading what
/// `tests` need besides the rendered system.
fn observe(host: &mut impl Host, target: &Target, modules: &[String], tests: &[&Test]) -> Observation {
    let configuration = extend_expr(&target.configuration_expr(), modules);
    let mut messages = Vec::new();
    let render = format!(
        "let r = {}; in {{ inherit (r) units nginx etc firewall warnings; }}",
        render_expr_of(&target.configuration_expr(), modules)
    );
    let system = decoded::<Rendered>(host, &render, &mut messages);
    let options = tests
        .iter()
        .any(|t| t.needs_options())
        .then(|| decoded::<Vec<OptionFacts>>(host, &target.options_expr_with(false, modules), &mut Vec::new()));
    let values = probes(tests, |t| match t {
        Test::Value { path, .. } => Some(path),
        _ => None,
    })
    .map(|paths| read_paths(host, &format!("{configuration}.config"), &paths))
    .unwrap_or_default();
    let flake = match target {
        Target::Flake { dir, .. } => format!("(import <nixpkgs/flake> {{ src = /. + {}; }})", escape_str(dir)),
        Target::Module { .. } => "{ }".to_owned(),
    };
    let outputs = probes(tests, |t| match t {
        Test::Output { path, .. } => Some(path),
        _ => None,
    })
    .map(|paths| read_paths(host, &flake, &paths))
    .unwrap_or_default();
    Observation { system, messages, options, values, outputs }
}

/// The paths some of `tests` ask for (`pick`), if any.
fn probes<'t>(tests: &[&'t Test], pick: impl Fn(&'t Test) -> Option<&'t String>) -> Option<Vec<String>> {
    let paths: Vec<String> = tests.iter().filter_map(|t| pick(t)).cloned().collect();
    (!paths.is_empty()).then_some(paths)
}

/// One probed value: its text, when the attribute exists.
#[derive(Deserialize)]
struct Probe {
    text: String,
}

/// The values at `paths` below the Nix expression `root`, each printed by
/// `lib.nixpen.toText` (a derivation as `<derivation NAME>`), read in one
/// evaluation; `None` for a path that does not exist.
fn read_paths(host: &mut impl Host, root: &str, paths: &[String]) -> BTreeMap<String, Outcome<Option<String>>> {
    let mut fields = String::new();
    for p in paths {
        match path::split(p) {
            Ok(names) => fields.push_str(&format!("{} = probe {};\n", escape_str(p), path::to_list(&names))),
            Err(e) => fields.push_str(&format!("{} = throw {};\n", escape_str(p), escape_str(&e))),
        }
    }
    let expr = format!(
        "let root = {root}; lib = import <nixpkgs/lib>; \
         show = v: if lib.isDerivation v then \"<derivation ${{v.name}}>\" else lib.nixpen.toText v; \
         probe = path: if lib.hasAttrByPath path root then {{ text = show (lib.getAttrFromPath path root); }} else null; \
         in {{ {fields} }}"
    );
    let read = decoded::<BTreeMap<String, Option<Probe>>>(host, &expr, &mut Vec::new());
    paths
        .iter()
        .map(|p| {
            let value = match &read {
                Ok(values) => Ok(values.get(p).and_then(|v| v.as_ref()).map(|probe| probe.text.clone())),
                Err(failure) => Err(failure.clone()),
            };
            (p.clone(), value)
        })
        .collect()
}

/// Evaluates `expr` and reads its JSON as `T`.
fn decoded<T: DeserializeOwned>(host: &mut impl Host, expr: &str, messages: &mut Vec<String>) -> Outcome<T> {
    let json = host.eval_json(expr, messages)?;
    host.decode(&json).map_err(|e| Failure::plain(format!("(Nixpen) an answer of unexpected shape: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(with: &[(&str, &str)]) -> Check {
        Check {
            label: String::new(),
            with: with.iter().map(|(o, n)| Setting { option: (*o).into(), nix: (*n).into() }).collect(),
            test: Test::Evaluates,
        }
    }

    #[test]
    fn checks_are_grouped_by_their_settings() {
        let checks = [check(&[]), check(&[("a", "1")]), check(&[]), check(&[("a", "1")]), check(&[("a", "2")])];
        let groups: Vec<Vec<usize>> = groups(&checks).into_iter().map(|(_, members)| members).collect();
        assert_eq!(groups, [vec![0, 2], vec![1, 3], vec![4]]);
    }

    #[test]
    fn a_quoted_option_name_is_kept_whole() {
        let text = module_text(&[Setting {
            option: r#"systemd.services."xeserv.gohello".enable"#.into(),
            nix: "false".into(),
        }]);
        assert!(text.contains(r#"  systemd.services."xeserv.gohello".enable = lib.mkForce (false);"#), "{text}");
    }
}
