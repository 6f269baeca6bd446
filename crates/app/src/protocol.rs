//! Messages between the page and the evaluation worker. They cross the
//! worker boundary as plain JS objects (`serde-wasm-bindgen`).

use serde::{Deserialize, Serialize};

/// Folder under which the user's files live in the evaluator's file system.
pub const PLAYGROUND_DIR: &str = "/playground";

/// One file of the playground: its name (relative to [`PLAYGROUND_DIR`]) and text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct File {
    /// File name such as `flake.nix`; no folders.
    pub name: String,
    /// The source text.
    pub text: String,
}

/// Page → worker: evaluate `entry` among `files`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EvalRequest {
    /// Sequence number; the answer carries it back.
    pub id: u32,
    /// Every file of the playground.
    pub files: Vec<File>,
    /// Name of the file to evaluate.
    pub entry: String,
}

/// Where an error points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorPos {
    /// Absolute path in the evaluator's file system, e.g. `/playground/default.nix`.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// An evaluation error as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorReport {
    /// The one-line message.
    pub message: String,
    /// Its position, when known.
    pub pos: Option<ErrorPos>,
    /// The full Nix-style text (starts with `error:`).
    pub rendered: String,
}

/// Worker → page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum WorkerMessage {
    /// The worker's wasm is loaded and it accepts requests.
    Ready,
    /// The answer to request `id`.
    Done(EvalResponse),
}

/// The answer to one [`EvalRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvalResponse {
    /// The request's `id`.
    pub id: u32,
    /// The printed value (`nix-instantiate --eval --strict` syntax) or the error.
    pub result: Result<String, ErrorReport>,
    /// `trace:` and `warning:` lines, in order.
    pub messages: Vec<String>,
    /// Time spent in the worker, in milliseconds.
    pub millis: f64,
}

/// The absolute path under which the evaluator sees the playground file `name`.
pub fn playground_path(name: &str) -> String {
    format!("{PLAYGROUND_DIR}/{name}")
}
