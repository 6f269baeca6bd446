//! What an author writes that only Nix can say exactly, resolved once at
//! build time with the embedded nixpkgs: a type written as an expression
//! (`port`) becomes the description NixOS prints for it (`16 bit unsigned
//! integer; between 0 and 65535 (both inclusive)`), an expected value the
//! text `lib.nixpen.toText` prints for it, as option data shows defaults;
//! and a `matches` pattern is one `builtins.split` accepts.

use std::collections::HashMap;

use nixpen_eval::print::escape_str;

use crate::Playground;

/// Resolves through a playground's evaluator, remembering each answer.
pub struct Resolver<'p> {
    playground: &'p mut Playground,
    known: HashMap<String, Result<String, String>>,
}

impl<'p> Resolver<'p> {
    /// A resolver evaluating with `playground`.
    pub fn new(playground: &'p mut Playground) -> Self {
        Resolver { playground, known: HashMap::new() }
    }

    /// The description of the type `expr`, a Nix expression in which
    /// `lib.types` is in scope (`port`, `listOf str`, `types.port`).
    pub fn type_description(&mut self, expr: &str) -> Result<String, String> {
        let nix = format!("let lib = import <nixpkgs/lib>; types = lib.types; in with lib.types; ({expr}).description");
        self.string(&nix).map_err(|e| format!("the type `{expr}` cannot be evaluated: {e}"))
    }

    /// The text `lib.nixpen.toText` prints for the Nix value `nix`.
    pub fn value_text(&mut self, nix: &str) -> Result<String, String> {
        let expr = format!("(import <nixpkgs/lib>).nixpen.toText ({nix})");
        self.string(&expr).map_err(|e| format!("the value `{nix}` cannot be evaluated: {e}"))
    }

    /// `Ok` when `builtins.split` accepts the regular expression `pattern`.
    pub fn regex(&mut self, pattern: &str) -> Result<(), String> {
        let expr = format!("builtins.toString (builtins.length (builtins.split {} \"\"))", escape_str(pattern));
        self.string(&expr).map(|_| ()).map_err(|e| format!("`matches` is not a valid regular expression: {e}"))
    }

    fn string(&mut self, expr: &str) -> Result<String, String> {
        if let Some(known) = self.known.get(expr) {
            return known.clone();
        }
        let answer = match self.playground.eval_json(expr) {
            Ok(json) => serde_json::from_str::<String>(&json).map_err(|e| e.to_string()),
            Err(error) => Err(error.message),
        };
        self.known.insert(expr.to_owned(), answer.clone());
        answer
    }
}
