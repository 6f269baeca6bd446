//! `nixpen explain PATH OPTION`: an option's (or an attribute's) value,
//! type, declarations and every definition with its place and priority,
//! which won and why; `nixpen explain PATH --file NAME`: a rendered file,
//! each line with the options it comes from.

use std::process::ExitCode;

use nixpen_nixos::explain::{parse_option_path, Explanation, Sources};

use crate::explain_text;
use crate::system_args::Accepts;
use crate::system_cmd::{eval_json_with_stand_ins, parse, target};

const USAGE: &str = "explain PATH (OPTION | --file NAME) [--attr ATTR] [--json]";

/// An error of this command: `error: …` on stderr, status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

/// `nixpen explain PATH (OPTION | --file NAME) [--attr ATTR] [--json]`.
pub fn run(argv: &[String]) -> ExitCode {
    let accepts = Accepts { file: true, operands: 1, ..Accepts::default() };
    let args = match parse(argv, accepts, USAGE) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let target = match target(&args) {
        Ok(t) => t,
        Err(code) => return code,
    };
    match (args.operands.first(), &args.file) {
        (Some(option), None) => {
            let loc = match parse_option_path(option) {
                Ok(loc) => loc,
                Err(m) => return fail(&m),
            };
            let json = match eval_json_with_stand_ins(&args, |modules| target.explain_expr(modules, &loc)) {
                Ok(j) => j,
                Err(code) => return code,
            };
            match Explanation::from_json(&json) {
                Ok(e) if e.kind == "unknown" => fail(e.message.as_deref().unwrap_or("no such option")),
                Ok(_) if args.json => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Ok(e) => {
                    print!("{}", explain_text::option(&e));
                    ExitCode::SUCCESS
                }
                Err(m) => fail(&m),
            }
        }
        (None, Some(file)) => {
            let files = [file.clone()];
            let json = match eval_json_with_stand_ins(&args, |modules| target.sources_expr(modules, Some(&files), true))
            {
                Ok(j) => j,
                Err(code) => return code,
            };
            match Sources::from_json(&json) {
                Ok(s) if !s.files.contains_key(file) => {
                    fail(&format!("no rendered file '{file}'; the files are: {}", s.names.join(", ")))
                }
                Ok(_) if args.json => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Ok(s) => {
                    print!("{}", explain_text::file(&s, file));
                    ExitCode::SUCCESS
                }
                Err(m) => fail(&m),
            }
        }
        _ => fail(&format!("give an OPTION or --file NAME, not both or neither\n\nusage: nixpen {USAGE}")),
    }
}
