#![warn(missing_docs)]
//! The Nix language evaluator of Nixpen.
//!
//! Source is parsed with rnix, lowered to a compact tree with resolved scopes
//! (`expr.rs`), and evaluated lazily by a tree-walking interpreter whose thunks
//! live in a per-evaluation arena (dropped whole after each evaluation).
//!
//! ```
//! use nixpen_eval::{Evaluator, EvalConfig, Request};
//! let mut ev = Evaluator::new(EvalConfig::default());
//! let out = ev.eval(&Request::expr("{ a = 1 + 2; }"));
//! assert_eq!(out.result.unwrap(), "{ a = 3; }");
//! ```

pub mod api;
mod block;
mod builtins;
pub mod bytes;
mod cache;
mod driver;
pub(crate) mod error;
pub(crate) mod eval;
pub(crate) mod expr;
mod float;
pub mod fs;
pub mod limits;
pub mod lints;
mod lower;
mod parse;
pub mod print;
pub mod snapshot;
mod source;
pub(crate) mod symbol;
pub(crate) mod value;

pub use api::{
    AutoArg, EvalConfig, EvalError, HeapRelease, Input, Outcome, OutputFormat, PartsOutcome, Pos, Request,
    SearchPathEntry,
};
pub use driver::{with_eval_stack, Evaluator};
#[cfg(not(target_arch = "wasm32"))]
pub use fs::RealFs;
pub use fs::{FileSystem, FileType, MemoryFs, OverlayFs};
pub use limits::Limits;
pub use lints::{Diagnose, Lints};
