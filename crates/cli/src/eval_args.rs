//! The command line of `nixpen eval`: the flags of `nix-instantiate --eval`.

use nixpen_eval::{AutoArg, OutputFormat};

/// Everything `nixpen eval` was asked to do, parsed from its arguments.
#[derive(Debug, Default)]
pub struct EvalArgs {
    /// `--strict`: force the result deeply before printing.
    pub strict: bool,
    /// `--json` / `--xml` / `--no-location`.
    pub format: Format,
    /// `-A ATTR` paths, applied in turn to each input.
    pub attrs: Vec<String>,
    /// `-I` entries, in order.
    pub include: Vec<String>,
    /// `--arg` / `--argstr` automatic arguments.
    pub auto_args: Vec<(String, AutoArg)>,
    /// `--option NAME VALUE` and `--NAME VALUE` settings, in order.
    pub settings: Vec<(String, String)>,
    /// `--show-trace` (true) / `--no-show-trace` (false).
    pub show_trace: Option<bool>,
    /// `--expr` / `-E`: the positional arguments are expressions.
    pub expr_mode: bool,
    /// Files (or, with `--expr`, expressions); empty means `./default.nix`.
    pub inputs: Vec<String>,
}

/// The printing format requested on the command line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Nix syntax, the default.
    #[default]
    Nix,
    /// `--json`.
    Json,
    /// `--xml`, with `location` false under `--no-location`.
    Xml { location: bool },
}

impl Format {
    /// The evaluator's name for this format.
    pub fn to_output(self) -> OutputFormat {
        match self {
            Format::Nix => OutputFormat::Nix,
            Format::Json => OutputFormat::Json,
            Format::Xml { location } => OutputFormat::Xml { location },
        }
    }
}

/// Nix settings that `nix-instantiate` accepts as `--NAME VALUE` flags and
/// that scripts commonly pass. Any of them may also come through `--option`.
const VALUE_SETTINGS: &[&str] = &[
    "timeout",
    "max-call-depth",
    "extra-experimental-features",
    "experimental-features",
    "lint-absolute-path-literals",
    "lint-short-path-literals",
    "lint-url-literals",
    "warn-short-path-literals",
    "store",
    "max-jobs",
    "cores",
    "abort-on-warn",
    "pure-eval",
    "restrict-eval",
    "allowed-uris",
    "eval-cache",
    "max-silent-time",
    "keep-going",
];

/// Flags that take no value and change nothing for an evaluation-only tool.
const NO_OP_FLAGS: &[&str] = &[
    "--eval",
    "--eval-only",
    "--read-write-mode",
    "--readonly-mode",
    "--impure",
    "--quiet",
    "--verbose",
    "-v",
    "--no-build-output",
    "--pure-eval",
];

/// Parses the arguments that follow `nixpen eval`.
pub fn parse(args: &[String]) -> Result<EvalArgs, String> {
    let mut out = EvalArgs::default();
    let mut it = args.iter();
    let mut xml = false;
    let mut location = true;
    let value = |it: &mut std::slice::Iter<String>, flag: &str| -> Result<String, String> {
        it.next().cloned().ok_or_else(|| format!("flag '{flag}' requires an argument"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--strict" => out.strict = true,
            "--json" => out.format = Format::Json,
            "--xml" => xml = true,
            "--no-location" => location = false,
            "--show-trace" => out.show_trace = Some(true),
            "--no-show-trace" => out.show_trace = Some(false),
            "--expr" | "-E" => out.expr_mode = true,
            "-A" | "--attr" => out.attrs.push(value(&mut it, arg)?),
            "-I" | "--include" => out.include.push(value(&mut it, arg)?),
            "--arg" => {
                let name = value(&mut it, arg)?;
                out.auto_args.push((name, AutoArg::Expr(value(&mut it, arg)?)));
            }
            "--argstr" => {
                let name = value(&mut it, arg)?;
                out.auto_args.push((name, AutoArg::Str(value(&mut it, arg)?)));
            }
            "--option" => {
                let name = value(&mut it, arg)?;
                out.settings.push((name, value(&mut it, arg)?));
            }
            flag if NO_OP_FLAGS.contains(&flag) => {}
            flag if flag.starts_with("--") && VALUE_SETTINGS.contains(&&flag[2..]) => {
                out.settings.push((flag[2..].to_string(), value(&mut it, flag)?));
            }
            flag if flag.starts_with('-') && flag != "-" => {
                return Err(format!("unrecognised flag '{flag}'"));
            }
            input => out.inputs.push(input.to_string()),
        }
    }
    if xml {
        out.format = Format::Xml { location };
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_the_modules_sh_command_line() {
        let a = parse(&strings(&[
            "--timeout",
            "1",
            "--eval-only",
            "--show-trace",
            "--read-write-mode",
            "--json",
            "--option",
            "abort-on-warn",
            "true",
            "--strict",
            "-E",
            "1 + 2",
            "-A",
            "config.a",
        ]))
        .unwrap();
        assert!(a.strict && a.expr_mode);
        assert_eq!(a.format, Format::Json);
        assert_eq!(a.attrs, vec!["config.a"]);
        assert_eq!(a.inputs, vec!["1 + 2"]);
        assert_eq!(a.settings, vec![("timeout".into(), "1".into()), ("abort-on-warn".into(), "true".into())]);
    }

    #[test]
    fn parses_auto_args_and_search_path() {
        let a = parse(&strings(&[
            "--arg",
            "lib",
            "import ./lib.nix",
            "--argstr",
            "x",
            "y!",
            "-I",
            "dir5=lang/dir3",
            "f.nix",
        ]))
        .unwrap();
        assert_eq!(a.include, vec!["dir5=lang/dir3"]);
        assert!(matches!(&a.auto_args[0], (n, AutoArg::Expr(e)) if n == "lib" && e == "import ./lib.nix"));
        assert!(matches!(&a.auto_args[1], (n, AutoArg::Str(s)) if n == "x" && s == "y!"));
        assert_eq!(a.inputs, vec!["f.nix"]);
    }

    #[test]
    fn rejects_unknown_flags_and_missing_values() {
        assert!(parse(&strings(&["--frobnicate"])).unwrap_err().contains("unrecognised flag '--frobnicate'"));
        assert!(parse(&strings(&["-A"])).unwrap_err().contains("requires an argument"));
    }

    #[test]
    fn xml_respects_no_location() {
        let a = parse(&strings(&["--xml", "--no-location", "x.nix"])).unwrap();
        assert_eq!(a.format, Format::Xml { location: false });
    }
}
