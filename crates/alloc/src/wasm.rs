//! On wasm, evaluations are not marked: [`Evaluating`] and
//! [`outside_evaluation`] do nothing.

/// A scope that does nothing on wasm (see the crate's documentation).
pub struct Evaluating(());

impl Evaluating {
    /// Opens a scope that does nothing.
    pub fn begin() -> Evaluating {
        Evaluating(())
    }
}

/// Runs `f` (see the crate's documentation).
pub fn outside_evaluation<T>(f: impl FnOnce() -> T) -> T {
    f()
}
