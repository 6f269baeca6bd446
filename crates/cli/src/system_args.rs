//! The command line shared by the commands that evaluate a configuration
//! (`render`, `options`, `explain`, `trace`):
//! `PATH [OPERAND] [--attr ATTR] [--json] [-I NAME=PATH]... [--option NAME VALUE] [--show-trace]`
//! and the flags one command has of its own.

use crate::eval_args::EvalArgs;

/// Parsed arguments of a configuration command.
#[derive(Debug, Default)]
pub struct SystemArgs {
    /// The flake folder, `flake.nix`, or module file.
    pub path: String,
    /// The arguments after PATH (`explain`'s option, `trace`'s request).
    pub operands: Vec<String>,
    /// `--attr ATTR`: which configuration of a flake.
    pub attr: Option<String>,
    /// `--json`: print JSON instead of text.
    pub json: bool,
    /// `--all` (options only): list every option, not only the user's.
    pub all: bool,
    /// `--file NAME` (explain only): the rendered file to explain.
    pub file: Option<String>,
    /// `--method METHOD` (trace only).
    pub method: Option<String>,
    /// `--address ADDRESS` (trace only): the address the request arrives at.
    pub address: Option<String>,
    /// Evaluator settings shared with `nixpen eval` (`-I`, `--option`, `--show-trace`).
    pub eval: EvalArgs,
}

/// What a command accepts beyond the common flags.
#[derive(Debug, Default, Clone, Copy)]
pub struct Accepts {
    /// `--all`.
    pub all: bool,
    /// `--file NAME`.
    pub file: bool,
    /// `--method` and `--address`.
    pub request: bool,
    /// How many arguments may follow PATH.
    pub operands: usize,
}

/// Parses the arguments after the command's name.
pub fn parse(args: &[String], accepts: Accepts) -> Result<SystemArgs, String> {
    let mut out = SystemArgs::default();
    let mut positional = Vec::new();
    let mut it = args.iter();
    let value = |it: &mut std::slice::Iter<String>, flag: &str| -> Result<String, String> {
        it.next().cloned().ok_or_else(|| format!("flag '{flag}' requires an argument"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--attr" | "-A" => out.attr = Some(value(&mut it, arg)?),
            "--json" => out.json = true,
            "--all" if accepts.all => out.all = true,
            "--file" if accepts.file => out.file = Some(value(&mut it, arg)?),
            "--method" if accepts.request => out.method = Some(value(&mut it, arg)?),
            "--address" if accepts.request => out.address = Some(value(&mut it, arg)?),
            "-I" | "--include" => out.eval.include.push(value(&mut it, arg)?),
            "--option" => {
                let name = value(&mut it, arg)?;
                out.eval.settings.push((name, value(&mut it, arg)?));
            }
            "--show-trace" => out.eval.show_trace = Some(true),
            flag if flag.starts_with('-') && flag.len() > 1 => return Err(format!("unrecognised flag '{flag}'")),
            p => positional.push(p.to_string()),
        }
    }
    if let Some(extra) = positional.get(1 + accepts.operands) {
        return Err(format!("unexpected argument '{extra}'"));
    }
    let mut positional = positional.into_iter();
    out.path = positional.next().unwrap_or_else(|| ".".into());
    out.operands = positional.collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_path_attr_and_flags() {
        let args = strings(&["flake.nix", "--attr", "web", "--json", "-I", "nixpkgs=/x"]);
        let a = parse(&args, Accepts::default()).unwrap();
        assert_eq!((a.path.as_str(), a.attr.as_deref(), a.json), ("flake.nix", Some("web"), true));
        assert_eq!(a.eval.include, vec!["nixpkgs=/x"]);
        assert!(parse(&strings(&["--all"]), Accepts::default()).is_err());
        assert_eq!(parse(&[], Accepts { all: true, ..Accepts::default() }).unwrap().path, ".");
    }

    #[test]
    fn an_operand_only_where_the_command_takes_one() {
        let explain = Accepts { file: true, operands: 1, ..Accepts::default() };
        let a = parse(&strings(&["m.nix", "services.nginx.enable"]), explain).unwrap();
        assert_eq!(a.operands, ["services.nginx.enable"]);
        let a = parse(&strings(&["m.nix", "--file", "units/a.service"]), explain).unwrap();
        assert_eq!((a.operands.len(), a.file.as_deref()), (0, Some("units/a.service")));
        assert!(parse(&strings(&["m.nix", "a", "b"]), explain).unwrap_err().contains("'b'"));
        assert!(parse(&strings(&["m.nix", "a"]), Accepts::default()).is_err());
        assert!(parse(&strings(&["m.nix", "--method", "GET"]), explain).is_err());
    }
}
