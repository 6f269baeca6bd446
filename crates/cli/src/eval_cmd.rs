//! `nixpen eval`: evaluates files or expressions and prints them exactly as
//! `nix-instantiate --eval` would.

use std::{io::Read, process::ExitCode};

use nixpen_eval::{Input, Request};

use crate::{engine, eval_args};

/// Runs `nixpen eval` with the arguments after `eval`.
pub fn run(args: &[String]) -> ExitCode {
    let args = match eval_args::parse(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\n\nTry 'nixpen help' for more information.");
            return ExitCode::from(1);
        }
    };
    let (mut evaluator, warnings) = match engine::evaluator_for(&args) {
        Ok(pair) => pair,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(1);
        }
    };
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    let inputs = match inputs(&args) {
        Ok(inputs) => inputs,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(1);
        }
    };
    let attrs: Vec<Option<String>> =
        if args.attrs.is_empty() { vec![None] } else { args.attrs.iter().cloned().map(Some).collect() };
    for input in inputs {
        for attr in &attrs {
            let request = Request {
                input: input.clone(),
                attr: attr.clone(),
                auto_args: args.auto_args.clone(),
                strict: args.strict,
                format: args.format.to_output(),
            };
            let outcome = evaluator.eval(&request);
            for message in &outcome.messages {
                eprintln!("{}", crate::log_text::filtered(message));
            }
            match outcome.result {
                Ok(text) => {
                    // Raw (non-UTF-8) bytes of Nix strings go out as bytes, as Nix writes them.
                    let mut bytes = nixpen_eval::bytes::encode(&text);
                    bytes.push(b'\n');
                    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), &bytes);
                }
                Err(err) => {
                    eprintln!("{}", crate::log_text::filtered(err.rendered.trim_end()));
                    return ExitCode::from(1);
                }
            }
        }
    }
    // The process ends here: its parsed files need not be freed one by one.
    std::mem::forget(evaluator);
    ExitCode::SUCCESS
}

/// The inputs to evaluate: files, expressions (`--expr`), `-` for standard
/// input, or `./default.nix` when none is given — as nix-instantiate does.
fn inputs(args: &eval_args::EvalArgs) -> Result<Vec<Input>, String> {
    if args.inputs.is_empty() {
        return Ok(vec![if args.expr_mode {
            return Err("no expression given after '--expr'".into());
        } else {
            Input::File("./default.nix".into())
        }]);
    }
    args.inputs
        .iter()
        .map(|text| {
            if args.expr_mode {
                Ok(Input::Expr { text: text.clone() })
            } else if text == "-" {
                let mut source = String::new();
                std::io::stdin().read_to_string(&mut source).map_err(|e| format!("reading standard input: {e}"))?;
                Ok(Input::Expr { text: source })
            } else {
                Ok(Input::File(text.clone()))
            }
        })
        .collect()
}
