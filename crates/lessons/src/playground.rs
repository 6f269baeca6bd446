//! A native [`Host`]: an evaluator over an in-memory playground with the
//! embedded nixpkgs mounted, laid out as in the browser's worker (the
//! learner's files under `/playground`, so errors point at the same
//! `flake.nix:52:43`). `nixpen lesson check` and the tests use it.

use std::sync::Arc;

use nixpen_eval::{EvalConfig, Evaluator, Input, MemoryFs, OutputFormat, Request};
use nixpen_nixos::Target;

use crate::check::Check;
use crate::course::File;
use crate::judge::Verdict;
use crate::observe::{Failure, Outcome, PLAYGROUND_DIR};
use crate::run::{run_checks, Host};

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

    /// Makes the playground hold exactly `files` (and no module of an
    /// earlier check).
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

    /// Runs `checks` on `files` evaluated as `target`.
    pub fn check(&mut self, files: &[File], target: &Target, checks: &[Check]) -> Vec<Verdict> {
        self.set_files(files);
        run_checks(self, target, checks)
    }
}

impl Host for Playground {
    fn write_file(&mut self, path: &str, text: &str) {
        self.fs.add_file(path, text.as_bytes().to_vec());
        self.written.push(path.to_owned());
    }

    fn eval_json(&mut self, expr: &str, messages: &mut Vec<String>) -> Outcome<String> {
        let request = Request {
            input: Input::Expr { text: expr.to_owned() },
            attr: None,
            auto_args: Vec::new(),
            strict: true,
            format: OutputFormat::Json,
        };
        let outcome = self.evaluator.eval(&request);
        messages.extend(outcome.messages);
        outcome.result.map_err(|e| Failure::of(&e))
    }
}
