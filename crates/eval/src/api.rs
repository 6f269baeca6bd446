//! The request/response types of the public API.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::fs::{FileSystem, MemoryFs};
use crate::limits::Limits;

/// One search-path entry (`-I prefix=path` or `-I path`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchPathEntry {
    /// The prefix (`nixpkgs` in `nixpkgs=/x`); empty for a plain directory.
    pub prefix: String,
    /// The directory (or file) the prefix maps to.
    pub path: String,
}

impl SearchPathEntry {
    /// Parses `prefix=path` or a plain `path`, as `-I` and `NIX_PATH` do.
    pub fn parse(text: &str) -> SearchPathEntry {
        match text.split_once('=') {
            Some((prefix, path)) => SearchPathEntry { prefix: prefix.to_string(), path: path.to_string() },
            None => SearchPathEntry { prefix: String::new(), path: text.to_string() },
        }
    }
}

/// Everything an evaluation depends on besides the request.
#[derive(Clone)]
pub struct EvalConfig {
    /// The file system `import`, `readFile` & co. read.
    pub fs: Arc<dyn FileSystem>,
    /// The search path for `<name>` lookups: `-I` entries first, then `NIX_PATH`.
    pub search_path: Vec<SearchPathEntry>,
    /// Depth, step and memory budgets.
    pub limits: Limits,
    /// The `lint-*` settings (all `ignore` by default, as in Nix).
    pub lints: crate::lints::Lints,
    /// Turn `builtins.warn` into an error (`--abort-on-warn`).
    pub abort_on_warn: bool,
    /// Include `… while evaluating …` frames in rendered errors.
    pub show_trace: bool,
    /// The environment `builtins.getEnv` reads; `None` makes it unavailable.
    pub env: Option<BTreeMap<String, String>>,
    /// The working directory: base for relative paths in `--expr` and files.
    pub cwd: String,
    /// The home directory for `~/` paths.
    pub home: Option<String>,
    /// The store directory (`/nix/store`).
    pub store_dir: String,
    /// `builtins.currentSystem`.
    pub current_system: String,
    /// What becomes of each evaluation's heap when it ends.
    pub heap_release: HeapRelease,
    /// Lowered trees of files known in advance (the embedded nixpkgs): a
    /// file the snapshot holds with the same text is decoded, not parsed.
    /// Not used on wasm32, whose build leaves the decoder out (the browser
    /// build embeds no snapshot: its download size matters more).
    pub snapshot: Option<Arc<crate::snapshot::Snapshot>>,
}

/// What becomes of an evaluation's heap (its thunks, environments, sets and
/// lists) once its result has been printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeapRelease {
    /// Freed before `eval` returns (the default).
    Free,
    /// Kept until [`crate::Evaluator::release_heap`]: an interactive caller
    /// answers first and frees the heaps of the evaluations behind that
    /// answer while it waits for the next request (freeing is about a tenth
    /// of an evaluation). At most a few are kept: `eval` frees them when
    /// the caller has not.
    Defer,
    /// Never freed: for a process that exits right after evaluating (the
    /// CLI), which leaves the memory to the OS instead of freeing millions
    /// of objects one by one.
    Leak,
}

impl EvalConfig {
    /// A configuration with defaults over the given file system.
    pub fn new(fs: Arc<dyn FileSystem>) -> EvalConfig {
        EvalConfig {
            fs,
            search_path: Vec::new(),
            limits: Limits::default(),
            lints: crate::lints::Lints::default(),
            abort_on_warn: false,
            show_trace: false,
            env: None,
            cwd: "/".to_string(),
            home: None,
            store_dir: "/nix/store".to_string(),
            current_system: "x86_64-linux".to_string(),
            heap_release: HeapRelease::Free,
            snapshot: None,
        }
    }
}

impl Default for EvalConfig {
    /// An empty in-memory file system, cwd `/`, default limits.
    fn default() -> EvalConfig {
        EvalConfig::new(Arc::new(MemoryFs::new()))
    }
}

impl std::fmt::Debug for EvalConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EvalConfig")
            .field("search_path", &self.search_path)
            .field("limits", &self.limits)
            .field("cwd", &self.cwd)
            .finish_non_exhaustive()
    }
}

/// What to evaluate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file path (relative to `cwd` or absolute); a directory means its `default.nix`.
    File(String),
    /// An expression text (`--expr`), evaluated relative to `cwd`.
    Expr {
        /// The source text.
        text: String,
    },
}

/// An automatic argument (`--arg name expr` / `--argstr name value`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AutoArg {
    /// A Nix expression.
    Expr(String),
    /// A literal string.
    Str(String),
}

/// How to print the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Nix syntax, as `nix-instantiate --eval` prints.
    Nix,
    /// JSON, as `--json` prints.
    Json,
    /// XML, as `--xml` prints (`location`: include source positions).
    Xml {
        /// Whether to print `path`/`line`/`column` attributes.
        location: bool,
    },
}

/// One evaluation request, the equivalent of a `nix-instantiate --eval` command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The file or expression.
    pub input: Input,
    /// `-A attrpath`.
    pub attr: Option<String>,
    /// `--arg` / `--argstr`, applied if the value is a function with formals.
    pub auto_args: Vec<(String, AutoArg)>,
    /// `--strict`: force the value deeply before printing.
    pub strict: bool,
    /// Output format.
    pub format: OutputFormat,
}

impl Request {
    /// Evaluates an expression text strictly, printing Nix syntax.
    pub fn expr(text: &str) -> Request {
        Request {
            input: Input::Expr { text: text.to_string() },
            attr: None,
            auto_args: Vec::new(),
            strict: true,
            format: OutputFormat::Nix,
        }
    }

    /// Evaluates a file strictly, printing Nix syntax.
    pub fn file(path: &str) -> Request {
        Request { input: Input::File(path.to_string()), ..Request::expr("") }
    }
}

/// A source position (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pos {
    /// The file path, or `«string»` for expressions.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// A failed evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    /// The bare message (`undefined variable 'x'`).
    pub message: String,
    /// Where it happened, if known.
    pub pos: Option<Pos>,
    /// The full Nix-style text, starting with `error:`.
    pub rendered: String,
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.rendered)
    }
}

impl std::error::Error for EvalError {}

/// The result of an evaluation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The printed value (stdout without the trailing newline) or the error.
    pub result: Result<String, EvalError>,
    /// `trace: …` and `warning: …` lines, in order.
    pub messages: Vec<String>,
}

/// The result of [`crate::Evaluator::eval_parts`]: one printed value or
/// error per part, and the evaluation's messages.
#[derive(Debug)]
pub struct PartsOutcome {
    /// The printed parts, in the order asked.
    pub results: Vec<Result<String, EvalError>>,
    /// `trace: …` and `warning: …` lines, in order.
    pub messages: Vec<String>,
}
