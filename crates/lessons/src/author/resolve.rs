//! What an author writes that only Nix can say exactly, resolved once at
//! build time with the embedded nixpkgs: a type written as an expression
//! (`port`) becomes the description NixOS prints for it (`16 bit unsigned
//! integer; between 0 and 65535 (both inclusive)`), and an expected value
//! the text `lib.nixpen.toText` prints for it, as option data shows defaults.

use std::collections::HashMap;

use crate::run::Host;

/// Resolves through `host`, remembering each answer.
pub struct Resolver<'h, H: Host> {
    host: &'h mut H,
    known: HashMap<String, Result<String, String>>,
}

impl<'h, H: Host> Resolver<'h, H> {
    /// A resolver evaluating with `host`.
    pub fn new(host: &'h mut H) -> Self {
        Resolver { host, known: HashMap::new() }
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

    fn string(&mut self, expr: &str) -> Result<String, String> {
        if let Some(known) = self.known.get(expr) {
            return known.clone();
        }
        let answer = match self.host.eval_json(expr, &mut Vec::new()) {
            Ok(json) => self.host.decode::<String>(&json),
            Err(failure) => Err(failure.describe()),
        };
        self.known.insert(expr.to_owned(), answer.clone());
        answer
    }
}
