//! Lexical scopes during lowering.

use crate::symbol::Sym;

/// What kind of runtime env a scope becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// An env with named slots (let, rec, lambda, hidden inherit-from slots).
    Env,
    /// A `with` env: no slots, a namespace.
    With,
}

/// One lexical scope.
#[derive(Debug)]
pub struct Scope {
    /// Kind.
    pub kind: ScopeKind,
    /// Slot names (slot i = names[i]).
    pub names: Vec<Sym>,
}

impl Scope {
    /// A scope with the given slot names.
    pub fn new(kind: ScopeKind, names: Vec<Sym>) -> Scope {
        Scope { kind, names }
    }

    /// The slot of `name`.
    pub fn find(&self, name: &str) -> Option<u32> {
        if self.names.len() > 16 {
            return self.names.iter().position(|n| n.as_str() == name).map(|i| i as u32);
        }
        self.names.iter().position(|n| n.as_str() == name).map(|i| i as u32)
    }
}
