//! The program generator: random, well-scoped Nix expressions aimed at a
//! type, from a grammar covering every expression form and the builtins.
//!
//! Names in scope are tracked with their types (`let`, function
//! arguments, `rec` sets, `with` — which never shadows a lexical name),
//! so most programs evaluate; a few percent of choices are deliberately
//! wrong (a `throw`, a failing `assert`, an argument of the wrong type)
//! to compare errors too.

mod builtins;
mod literals;
mod scoping;
mod ty;

pub use literals::name_text;
pub use ty::Ty;

use crate::expr::{atom, form, Expr};
use crate::rng::Rng;

/// A name in scope.
#[derive(Clone, Debug)]
struct Binding {
    name: String,
    ty: Ty,
}

/// The generator's state for one program.
pub struct Gen<'r> {
    rng: &'r mut Rng,
    /// Names in scope, innermost last.
    env: Vec<Binding>,
    /// Names bound lexically (a `with` never shadows them).
    lexical: Vec<String>,
    /// Nodes left to make before only leaves are made.
    budget: usize,
    /// Whether a failure was placed already (one per program at most,
    /// so that most batches of programs evaluate as a whole).
    failed: bool,
}

/// Names for variables: short ones that collide (shadowing), and a few
/// odd identifiers.
const VARS: &[&str] = &["a", "b", "c", "x", "y", "z", "f", "n", "s", "l", "acc", "x'", "foo-bar", "_", "__x", "v"];

/// Names of attributes: identifiers, names needing quotes, names Nix
/// gives a meaning.
const ATTRS: &[&str] = &["a", "b", "c", "x", "name", "value", "foo-bar", "1", "a b", "", "é", "z", "__x", "in", "or"];

/// One program from `seed`: an expression of some data type (sometimes a
/// function, sometimes meant to fail).
pub fn program(seed: u64) -> Expr {
    let mut rng = Rng::new(seed);
    let budget = 12 + rng.below(40);
    let mut g = Gen { rng: &mut rng, env: Vec::new(), lexical: Vec::new(), budget, failed: false };
    let ty = if g.rng.chance(3) { Ty::fun(Ty::Int, Ty::Int) } else { g.data_type(2) };
    let depth = 2 + g.rng.below(4);
    g.gen(&ty, depth)
}

impl Gen<'_> {
    /// A random type of data (no functions), nested up to `depth`.
    pub fn data_type(&mut self, depth: usize) -> Ty {
        let n = if depth == 0 { 6 } else { 9 };
        match self.rng.below(n) {
            0 | 1 => Ty::Int,
            2 | 3 => Ty::Str,
            4 => Ty::Bool,
            5 => self.rng.pick(&[Ty::Float, Ty::Null, Ty::Path, Ty::Int]).clone(),
            6 | 7 => Ty::list(self.data_type(depth - 1)),
            _ => {
                let count = self.rng.below(4);
                let mut fields: Vec<(String, Ty)> = Vec::new();
                for _ in 0..count {
                    let name = self.rng.pick(ATTRS).to_string();
                    if fields.iter().all(|(n, _)| *n != name) {
                        let t = self.data_type(depth - 1);
                        fields.push((name, t));
                    }
                }
                Ty::Set(fields)
            }
        }
    }

    /// An expression meant to evaluate to a `ty`, at most `depth` levels
    /// deep.
    pub fn gen(&mut self, ty: &Ty, depth: usize) -> Expr {
        if depth == 0 || self.budget == 0 {
            return self.leaf(ty);
        }
        self.budget -= 1;
        let ty = if *ty == Ty::Any { self.data_type(1) } else { ty.clone() };
        match self.rng.below(100) {
            0..=11 => self.leaf(&ty),
            12..=31 => self.scoping(&ty, depth - 1),
            32..=35 => self.laziness(&ty, depth - 1),
            36..=37 if !self.failed => {
                self.failed = true;
                self.failure(&ty, depth - 1)
            }
            _ => self.specific(&ty, depth - 1),
        }
    }

    /// A literal or a name in scope of type `ty`.
    pub fn leaf(&mut self, ty: &Ty) -> Expr {
        if self.rng.chance(40) {
            if let Some(v) = self.var(ty) {
                return v;
            }
        }
        self.literal(ty)
    }

    /// A name in scope whose value fits `ty`, if any.
    fn var(&mut self, ty: &Ty) -> Option<Expr> {
        let mut seen: Vec<&str> = Vec::new();
        let mut found: Vec<String> = Vec::new();
        for b in self.env.iter().rev() {
            if seen.contains(&b.name.as_str()) {
                continue;
            }
            seen.push(&b.name);
            if b.ty.fits(ty) {
                found.push(b.name.clone());
            }
        }
        if found.is_empty() {
            None
        } else {
            Some(atom(self.rng.pick(&found).clone()))
        }
    }

    /// A fresh or reused variable name.
    fn var_name(&mut self) -> String {
        self.rng.pick(VARS).to_string()
    }

    /// An attribute name.
    fn attr_name(&mut self) -> String {
        self.rng.pick(ATTRS).to_string()
    }

    /// Runs `body` with `names` bound lexically.
    fn bind<T>(&mut self, names: &[(String, Ty)], body: impl FnOnce(&mut Self) -> T) -> T {
        let (env_len, lex_len) = (self.env.len(), self.lexical.len());
        for (name, ty) in names {
            self.env.push(Binding { name: name.clone(), ty: ty.clone() });
            self.lexical.push(name.clone());
        }
        let out = body(self);
        self.env.truncate(env_len);
        self.lexical.truncate(lex_len);
        out
    }

    /// Runs `body` with the fields of a `with` set in scope: a field
    /// shadows an outer `with`'s, never a lexical name.
    fn bind_with<T>(&mut self, fields: &[(String, Ty)], body: impl FnOnce(&mut Self) -> T) -> T {
        let env_len = self.env.len();
        for (name, ty) in fields {
            let bare = name_text(name) == *name;
            if bare && !self.lexical.contains(name) {
                self.env.push(Binding { name: name.clone(), ty: ty.clone() });
            }
        }
        let out = body(self);
        self.env.truncate(env_len);
        out
    }

    /// A function from `arg` to `ret`: a lambda, a lambda with a set
    /// pattern, or a builtin partly applied.
    pub fn lambda(&mut self, arg: &Ty, ret: &Ty) -> Expr {
        let depth = 1 + self.rng.below(2);
        if let (Ty::Set(fields), true) = (arg, self.rng.chance(50)) {
            return self.pattern_lambda(fields, ret, depth);
        }
        if let Some(e) = self.builtin_function(arg, ret) {
            return e;
        }
        let name = self.var_name();
        let body = self.bind(&[(name.clone(), arg.clone())], |g| g.gen(ret, depth));
        form(&[&format!("({name}: "), ")"], vec![body])
    }

    /// Parentheses around `e`.
    pub fn paren(e: Expr) -> Expr {
        form(&["(", ")"], vec![e])
    }
}
