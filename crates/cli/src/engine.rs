//! Builds the evaluator the CLI uses: the real file system with the embedded
//! nixpkgs mounted, the search path from `-I` and `NIX_PATH`, settings, and
//! the process environment for `getEnv`.

use std::{collections::BTreeMap, sync::Arc};

use nixpen_eval::{EvalConfig, Evaluator, RealFs};

use crate::{eval_args::EvalArgs, search_path};

/// Settings that change what the evaluator does (`abort-on-warn`,
/// `show-trace`, `max-call-depth`, the `lint-*` settings); any other is
/// accepted and ignored with a warning, as the CLI contract promises.
fn apply_setting(config: &mut EvalConfig, name: &str, value: &str, warnings: &mut Vec<String>) -> Result<(), String> {
    let flag = |v: &str| -> Result<bool, String> {
        match v {
            "true" | "1" | "yes" => Ok(true),
            "false" | "0" | "no" => Ok(false),
            _ => Err(format!("invalid Boolean value '{v}' for setting '{name}'")),
        }
    };
    match name {
        "abort-on-warn" => config.abort_on_warn = flag(value)?,
        "show-trace" => config.show_trace = flag(value)?,
        "max-call-depth" => {
            config.limits.max_depth =
                value.parse().map_err(|_| format!("invalid value '{value}' for setting 'max-call-depth'"))?
        }
        _ if config.lints.set(name, value)? => {}
        _ => warnings.push(format!("Nixpen ignores the setting '{name}'")),
    }
    Ok(())
}

/// The settings of `NIX_CONFIG`, which holds nix.conf lines (`name =
/// value`, `#` comments), as Nix reads it: applied before the command
/// line's. Settings Nixpen has no use for are skipped without a warning
/// (users keep `experimental-features` and the like there).
fn apply_nix_config(config: &mut EvalConfig, text: &str) -> Result<(), String> {
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((name, value)) = line.split_once('=') else { continue };
        let mut ignored = Vec::new();
        apply_setting(config, name.trim(), value.trim(), &mut ignored).map_err(|e| format!("{e} (in NIX_CONFIG)"))?;
    }
    Ok(())
}

/// Returns an evaluator configured from the command line, with the warnings
/// to print before evaluating.
pub fn evaluator_for(args: &EvalArgs) -> Result<(Evaluator, Vec<String>), String> {
    let fs = nixpen_nixos::with_nixpkgs(Arc::new(RealFs::new()));
    let mut config = EvalConfig::new(Arc::new(fs));
    config.snapshot = nixpen_nixos::nixpkgs_snapshot();
    config.cwd = std::env::current_dir()
        .map_err(|e| format!("cannot read the working directory: {e}"))?
        .to_string_lossy()
        .into_owned();
    config.home = std::env::var("HOME").ok();
    // One evaluation per process: the OS takes the heap back at exit.
    config.heap_release = nixpen_eval::HeapRelease::Leak;
    config.env = Some(std::env::vars().collect::<BTreeMap<_, _>>());
    config.abort_on_warn = matches!(std::env::var("NIX_ABORT_ON_WARN").as_deref(), Ok("1" | "true"));
    if let Some(show) = args.show_trace {
        config.show_trace = show;
    }
    if let Ok(text) = std::env::var("NIX_CONFIG") {
        apply_nix_config(&mut config, &text)?;
    }
    let mut warnings = Vec::new();
    for (name, value) in &args.settings {
        apply_setting(&mut config, name, value, &mut warnings)?;
    }
    let nix_path = std::env::var("NIX_PATH").unwrap_or_default();
    config.search_path = args
        .include
        .iter()
        .cloned()
        .chain(search_path::split_nix_path(&nix_path))
        .map(|entry| search_path::parse_entry(&entry))
        .map(|entry| search_path::absolute(entry, &config.cwd))
        .chain(std::iter::once(nixpen_nixos::nixpkgs_search_entry()))
        .collect();
    Ok((Evaluator::new(config), warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_settings_come_from_options_and_nix_config() {
        let mut config = EvalConfig::default();
        let mut warnings = Vec::new();
        apply_setting(&mut config, "lint-url-literals", "fatal", &mut warnings).unwrap();
        assert_eq!(config.lints.url_literals, nixpen_eval::Diagnose::Fatal);
        assert!(warnings.is_empty());
        apply_nix_config(&mut config, "# comment\nlint-short-path-literals = warn\nexperimental-features = flakes\n")
            .unwrap();
        assert_eq!(config.lints.short_path_literals, nixpen_eval::Diagnose::Warn);
        assert!(apply_setting(&mut config, "lint-url-literals", "loud", &mut warnings).is_err());
    }
}
