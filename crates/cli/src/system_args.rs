//! The command line shared by `nixpen render` and `nixpen options`:
//! `PATH [--attr ATTR] [--json] [-I NAME=PATH]... [--option NAME VALUE] [--show-trace]`.

use crate::eval_args::EvalArgs;

/// Parsed arguments of `render` / `options`.
#[derive(Debug, Default)]
pub struct SystemArgs {
    /// The flake folder, `flake.nix`, or module file.
    pub path: String,
    /// `--attr ATTR`: which configuration of a flake.
    pub attr: Option<String>,
    /// `--json`: print JSON instead of text.
    pub json: bool,
    /// `--all` (options only): list every option, not only the user's.
    pub all: bool,
    /// Evaluator settings shared with `nixpen eval` (`-I`, `--option`, `--show-trace`).
    pub eval: EvalArgs,
}

/// Parses the arguments after `render` or `options`.
pub fn parse(args: &[String], allow_all: bool) -> Result<SystemArgs, String> {
    let mut out = SystemArgs::default();
    let mut path = None;
    let mut it = args.iter();
    let value = |it: &mut std::slice::Iter<String>, flag: &str| -> Result<String, String> {
        it.next().cloned().ok_or_else(|| format!("flag '{flag}' requires an argument"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--attr" | "-A" => out.attr = Some(value(&mut it, arg)?),
            "--json" => out.json = true,
            "--all" if allow_all => out.all = true,
            "-I" | "--include" => out.eval.include.push(value(&mut it, arg)?),
            "--option" => {
                let name = value(&mut it, arg)?;
                out.eval.settings.push((name, value(&mut it, arg)?));
            }
            "--show-trace" => out.eval.show_trace = Some(true),
            flag if flag.starts_with('-') => return Err(format!("unrecognised flag '{flag}'")),
            p if path.is_none() => path = Some(p.to_string()),
            extra => return Err(format!("unexpected argument '{extra}'")),
        }
    }
    out.path = path.unwrap_or_else(|| ".".into());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_path_attr_and_flags() {
        let args: Vec<String> =
            ["flake.nix", "--attr", "web", "--json", "-I", "nixpkgs=/x"].iter().map(|s| s.to_string()).collect();
        let a = parse(&args, false).unwrap();
        assert_eq!((a.path.as_str(), a.attr.as_deref(), a.json), ("flake.nix", Some("web"), true));
        assert_eq!(a.eval.include, vec!["nixpkgs=/x"]);
        assert!(parse(&["--all".to_string()], false).is_err());
        assert_eq!(parse(&[], true).unwrap().path, ".");
    }
}
