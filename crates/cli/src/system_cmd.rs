//! `nixpen render` and `nixpen options`: evaluate a flake or NixOS module as
//! a configuration and print what NixOS would produce, or the options the
//! user's own modules declare.

use std::process::ExitCode;

use nixpen_eval::{EvalError, Input, OutputFormat, Request};
use nixpen_nixos::target::{may_be_unmodelled_read, may_lack_package, with_stand_ins, UNMODELLED_READ_MARK};
use nixpen_nixos::{Rendered, Target};

use crate::engine;
use crate::system_args::{self, Accepts, SystemArgs};

/// Parses a command's arguments; a mistake is reported with the command's
/// `usage` (`error: …` on stderr, status 1).
pub fn parse(argv: &[String], accepts: Accepts, usage: &str) -> Result<SystemArgs, ExitCode> {
    system_args::parse(argv, accepts).map_err(|m| {
        eprintln!("error: {m}\n\nusage: nixpen {usage}");
        ExitCode::from(1)
    })
}

/// Evaluates `expr` to JSON with the CLI's evaluator, printing its
/// messages; an error is returned as it is.
fn eval_json_raw(args: &SystemArgs, expr: String) -> Result<Result<String, EvalError>, ExitCode> {
    let (result, messages) = eval_json_unprinted(args, expr)?;
    for m in &messages {
        eprintln!("{m}");
    }
    Ok(result)
}

/// Evaluates `expr` to JSON with the CLI's evaluator: the result and the
/// evaluation's messages, not printed.
fn eval_json_unprinted(args: &SystemArgs, expr: String) -> Result<(Result<String, EvalError>, Vec<String>), ExitCode> {
    let (mut evaluator, warnings) = engine::evaluator_for(&args.eval).map_err(|m| {
        eprintln!("error: {m}");
        ExitCode::from(1)
    })?;
    for w in warnings {
        eprintln!("warning: {w}");
    }
    let request = Request {
        input: Input::Expr { text: expr },
        attr: None,
        auto_args: vec![],
        strict: true,
        format: OutputFormat::Json,
    };
    let outcome = evaluator.eval(&request);
    Ok((outcome.result, outcome.messages))
}

/// Prints an evaluation error as Nix does; the exit code of a failure.
fn report(e: &EvalError) -> ExitCode {
    eprintln!("{}", e.rendered.trim_end());
    ExitCode::from(1)
}

/// Evaluates `expr` to JSON with the CLI's evaluator; prints messages, and
/// errors as `error: …` on stderr.
pub fn eval_json(args: &SystemArgs, expr: String) -> Result<String, ExitCode> {
    eval_json_raw(args, expr)?.map_err(|e| report(&e))
}

/// [`eval_json`] of `expr_with(modules)`, the configuration extended with
/// `modules`: with none, and, after an error that may come from a package
/// Nixpen's set lacks, once more with stand-ins (as [`render_json`] does).
pub fn eval_json_with_stand_ins(
    args: &SystemArgs,
    expr_with: impl Fn(&[String]) -> String,
) -> Result<String, ExitCode> {
    let (mut result, mut messages) = eval_json_unprinted(args, expr_with(&[]))?;
    if matches!(&result, Err(e) if may_lack_package(&e.message)) {
        (result, messages) = eval_json_unprinted(args, expr_with(&with_stand_ins(&[])))?;
    }
    for m in &messages {
        eprintln!("{m}");
    }
    result.map_err(|e| report(&e))
}

/// Renders `target`: its JSON, or, after an error, the exit code. An error
/// that may come from a package Nixpen's set lacks is followed by a second
/// evaluation with stand-ins (`Target::stand_ins_expr`), whose outcome then
/// counts; one that may come from reading a NixOS option Nixpen does not
/// model is explained by another (`Target::explain_reads_expr`).
pub fn render_json(args: &SystemArgs, target: &Target) -> Result<String, ExitCode> {
    let mut modules = Vec::new();
    let (mut result, mut messages) = eval_json_unprinted(args, target.render_expr())?;
    if matches!(&result, Err(e) if may_lack_package(&e.message)) {
        modules = with_stand_ins(&[]);
        (result, messages) = eval_json_unprinted(args, target.render_expr_with(&modules))?;
    }
    for m in &messages {
        eprintln!("{m}");
    }
    match result {
        Ok(json) => Ok(json),
        Err(e) if may_be_unmodelled_read(&e.message) => {
            match eval_json_quiet(args, target.explain_reads_expr(&modules)) {
                Some(Err(better)) if better.message.contains(UNMODELLED_READ_MARK) => Err(report(&better)),
                _ => Err(report(&e)),
            }
        }
        Err(e) => Err(report(&e)),
    }
}

/// [`eval_json_raw`] without printing the evaluation's messages (its
/// warnings were printed by the first evaluation); `None` when the
/// evaluator cannot be made.
fn eval_json_quiet(args: &SystemArgs, expr: String) -> Option<Result<String, EvalError>> {
    let (mut evaluator, _) = engine::evaluator_for(&args.eval).ok()?;
    let request = Request {
        input: Input::Expr { text: expr },
        attr: None,
        auto_args: vec![],
        strict: true,
        format: OutputFormat::Json,
    };
    Some(evaluator.eval(&request).result)
}

/// Resolves the command's path against the working directory and decides
/// whether it is a flake or a module.
pub fn target(args: &SystemArgs) -> Result<Target, ExitCode> {
    let abs = std::fs::canonicalize(&args.path).map_err(|e| {
        eprintln!("error: path '{}' does not exist ({e})", args.path);
        ExitCode::from(1)
    })?;
    let fs = nixpen_eval::RealFs::new();
    Ok(Target::detect(&fs, &abs.to_string_lossy(), args.attr.clone()))
}

/// `nixpen render PATH [--attr ATTR] [--json]`.
pub fn render(argv: &[String]) -> ExitCode {
    let args = match parse(argv, Accepts::default(), "render PATH [--attr ATTR] [--json]") {
        Ok(a) => a,
        Err(code) => return code,
    };
    let target = match target(&args) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let json = match render_json(&args, &target) {
        Ok(j) => j,
        Err(code) => return code,
    };
    match Rendered::from_json(&json) {
        Ok(rendered) if args.json => {
            println!("{}", rendered.to_json());
            ExitCode::SUCCESS
        }
        Ok(rendered) => {
            for w in &rendered.warnings {
                eprintln!("warning: {w}");
            }
            print!("{}", rendered.to_text());
            ExitCode::SUCCESS
        }
        Err(m) => {
            eprintln!("error: {m}");
            ExitCode::from(1)
        }
    }
}

/// `nixpen options PATH [--attr ATTR] [--json] [--all]`.
pub fn options(argv: &[String]) -> ExitCode {
    let accepts = Accepts { all: true, ..Accepts::default() };
    let args = match parse(argv, accepts, "options PATH [--attr ATTR] [--json] [--all]") {
        Ok(a) => a,
        Err(code) => return code,
    };
    let target = match target(&args) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let json = match eval_json(&args, target.options_expr(args.all)) {
        Ok(j) => j,
        Err(code) => return code,
    };
    if args.json {
        println!("{json}");
        return ExitCode::SUCCESS;
    }
    match serde_json::from_str::<Vec<serde_json::Value>>(&json) {
        Ok(options) => {
            for o in &options {
                print!("{}", option_text(o));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: unexpected shape of the options data: {e}");
            ExitCode::from(1)
        }
    }
}

/// One option as text: name, type, default, value, where declared, description.
fn option_text(o: &serde_json::Value) -> String {
    let s = |v: &serde_json::Value| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string());
    let mut out = format!("{}\n    type: {}\n", s(&o["name"]), s(&o["type"]));
    if let Some(d) = o.get("default").filter(|d| !d.is_null()) {
        out.push_str(&format!("    default: {}\n", s(&d["text"])));
    }
    if let Some(v) = o.get("valueText").filter(|v| !v.is_null()) {
        out.push_str(&format!("    value: {}\n", s(v)));
    }
    for d in o["declarations"].as_array().into_iter().flatten() {
        let at = match (d["line"].as_u64(), d["column"].as_u64()) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", s(&d["file"])),
            _ => s(&d["file"]),
        };
        out.push_str(&format!("    declared at: {at}\n"));
    }
    if let Some(desc) = o["description"].as_str().filter(|d| !d.is_empty()) {
        out.push_str(&format!("    {}\n", desc.trim().replace('\n', "\n    ")));
    }
    out.push('\n');
    out
}
