//! An evaluator over an in-memory playground with the embedded nixpkgs
//! mounted (the judges among its files), laid out as in the browser's
//! worker (the learner's files under `/playground`, so errors point at the
//! same `flake.nix:52:43`). `nixpen lesson check` and the tests use it.

use std::sync::Arc;

use nixpen_eval::{EvalConfig, EvalError, Evaluator, Input, MemoryFs, OutputFormat, Request};

use crate::check::Check;
use crate::course::File;
use crate::run::{run_checks, PLAYGROUND_DIR};
use crate::verdict::Verdict;

/// An evaluator and the files it sees.
pub struct Playground {
    evaluator: Evaluator,
    fs: Arc<MemoryFs>,
    /// Every file written, to remove before the next step's.
    written: Vec<String>,
}

impl Default for Playground {
    fn default() -> Self {
        Playground::new()
    }
}

impl Playground {
    /// An empty playground.
    pub fn new() -> Playground {
        let fs = Arc::new(MemoryFs::new());
        fs.add_dir(PLAYGROUND_DIR);
        let mut config = EvalConfig::new(Arc::new(nixpen_nixos::with_nixpkgs(fs.clone())));
        config.snapshot = nixpen_nixos::nixpkgs_snapshot();
        config.search_path.push(nixpen_nixos::nixpkgs_search_entry());
        config.cwd = PLAYGROUND_DIR.into();
        Playground { evaluator: Evaluator::new(config), fs, written: Vec::new() }
    }

    /// Makes the playground hold exactly `files`.
    pub fn set_files(&mut self, files: &[File]) {
        for path in self.written.drain(..) {
            self.fs.remove(&path);
        }
        for file in files {
            let path = format!("{PLAYGROUND_DIR}/{}", file.name);
            self.fs.add_file(&path, file.text.as_bytes().to_vec());
            self.written.push(path);
        }
    }

    /// Judges `checks` on `files` evaluated as a step whose entry file is
    /// `entry` (`flake.nix`: a flake, its configuration `attr` or its only
    /// one; else a NixOS module): one verdict per check, in order (each a
    /// failure naming the problem when the judges cannot run).
    pub fn check(&mut self, files: &[File], entry: &str, attr: Option<&str>, checks: &[Check]) -> Vec<Verdict> {
        self.set_files(files);
        let step = serde_json::json!({ "entry": entry, "attr": attr, "checks": checks });
        let judged = run_checks(&mut self.evaluator, &step.to_string())
            .map_err(|e| e.rendered)
            .and_then(|json| serde_json::from_str::<Vec<Verdict>>(&json).map_err(|e| e.to_string()));
        match judged {
            Ok(verdicts) if verdicts.len() == checks.len() => verdicts,
            Ok(verdicts) => {
                vec![
                    Verdict::fail(format!("(Nixpen) {} verdicts for {} checks", verdicts.len(), checks.len()));
                    checks.len()
                ]
            }
            Err(problem) => {
                vec![Verdict::fail(format!("(Nixpen) the checks could not be judged: {problem}")); checks.len()]
            }
        }
    }

    /// Evaluates the Nix expression `expr` strictly, as JSON text.
    pub fn eval_json(&mut self, expr: &str) -> Result<String, EvalError> {
        let request = Request {
            input: Input::Expr { text: expr.to_owned() },
            attr: None,
            auto_args: Vec::new(),
            strict: true,
            format: OutputFormat::Json,
        };
        self.evaluator.eval(&request).result
    }
}
