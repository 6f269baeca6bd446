//! Budgets that stop runaway evaluations.

/// Limits of one evaluation. Exceeding any of them ends it with an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Maximum nesting of function calls (Nix's `max-call-depth`).
    pub max_depth: usize,
    /// Maximum evaluation steps (expressions evaluated).
    pub max_steps: u64,
    /// Approximate maximum memory the evaluation may allocate.
    pub max_memory_bytes: usize,
    /// Maximum native stack the evaluator may use; checked by address so
    /// deep recursion ends in an error, never in a stack overflow.
    pub max_stack_bytes: usize,
}

impl Limits {
    /// Whether `|>` / `<|` are enabled (they are experimental in Nix; off).
    pub fn allow_pipe_operators(&self) -> bool {
        false
    }

    /// Generous limits for command-line use.
    pub fn new() -> Limits {
        Limits::default()
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_depth: 10_000,
            max_steps: 2_000_000_000,
            max_memory_bytes: 2 << 30,
            max_stack_bytes: if cfg!(target_arch = "wasm32") { 768 << 10 } else { 512 << 20 },
        }
    }
}
