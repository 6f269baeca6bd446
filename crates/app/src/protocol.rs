//! Messages between the page and the evaluation worker. They cross the
//! worker boundary as plain JS objects (`serde-wasm-bindgen`).

use nixpen_nixos::{Rendered, SourceKind};
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
    /// The options form's override module (`overrides::module_text`), if
    /// the form changed anything: the configuration is extended with it.
    pub overrides: Option<String>,
    /// How to read the entry, if the user chose; else as its text says.
    pub kind: Option<SourceKind>,
}

/// Page → worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum PageMessage {
    /// Evaluate the playground.
    Eval(EvalRequest),
    /// Read one level of the `config` tree.
    Tree(TreeRequest),
    /// Fetch the files of [`PageMessage::Extras`]: the page has its first
    /// answer (so they never delay the first outputs).
    LoadExtras,
    /// The files of the nixpkgs tree that real configurations need
    /// (`nixpen_nixos::extra`), fetched after the first outputs by
    /// `web/worker-loader.js`, which hands them to the worker as if the
    /// page had sent them. Names are relative to the tree's root.
    Extras(Vec<File>),
    /// Judge a lesson step's checks.
    Check(CheckRequest),
}

impl PageMessage {
    /// The request's sequence number.
    pub fn id(&self) -> u32 {
        match self {
            PageMessage::Eval(request) => request.id,
            PageMessage::Tree(request) => request.id,
            PageMessage::Extras(_) | PageMessage::LoadExtras => 0,
            PageMessage::Check(request) => request.id,
        }
    }
}

/// Page → worker: list the children of `config` at `path` in the last
/// evaluated configuration (for the collapsible `config` tree).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TreeRequest {
    /// Sequence number (shared with [`EvalRequest`]s); the answer carries it back.
    pub id: u32,
    /// Attribute names (list positions as decimal text) from `config` down.
    pub path: Vec<String>,
}

/// Page → worker: judge a lesson step's checks on the files of the last
/// evaluation (as a [`TreeRequest`] reads its configuration), without the
/// options form's overrides. The judges are among the extra nixpkgs
/// files: before [`WorkerMessage::ExtrasLoaded`], the answer is an error.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CheckRequest {
    /// Sequence number (shared with the other requests); the answer carries it back.
    pub id: u32,
    /// The JSON text of the step as the course's bundle holds it (its
    /// `entry`, `attr` and `checks` are read; the page need not decode it).
    pub step_json: String,
}

/// The answer to a [`CheckRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckResponse {
    /// The request's `id`.
    pub id: u32,
    /// The JSON text of one verdict per check, in order:
    /// `[{"passed":true},{"passed":false,"detail":"…"}]`; or why the
    /// checks could not be judged (an `error: …` text).
    pub verdicts_json: Result<String, String>,
}

/// What one node of the `config` tree holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NodeKind {
    /// An attribute set (opened on demand).
    Attrs,
    /// A list (opened on demand).
    List,
    /// A value shown as text.
    Leaf,
    /// A value that cannot be evaluated.
    Error,
}

/// One child in the `config` tree.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TreeNode {
    /// Its attribute name, or its position in a list.
    pub name: String,
    /// What it is.
    pub kind: NodeKind,
    /// How many children it has (sets and lists).
    pub count: u32,
    /// Its value as Nix text (leaves and errors).
    pub text: String,
}

/// The answer to a [`TreeRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeResponse {
    /// The request's `id`.
    pub id: u32,
    /// The request's `path`.
    pub path: Vec<String>,
    /// The children as the JSON text of `nix/config-tree.nix` (read by
    /// [`TreeResponse::children`]), or why they could not be listed.
    pub result: Result<String, String>,
}

impl TreeResponse {
    /// The children, or why they could not be listed.
    pub fn children(&self) -> Result<Vec<TreeNode>, String> {
        let json = self.result.as_ref().map_err(String::clone)?;
        let value = js_sys::JSON::parse(json).map_err(|_| "the tree is not valid JSON".to_owned())?;
        serde_wasm_bindgen::from_value(value).map_err(|e| format!("the tree has an unexpected shape: {e}"))
    }
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
    /// Where the user should look: the error's position, or, for an error
    /// raised inside our nixpkgs, the user's definition that led there; for
    /// an unexpected end of file, the bracket or string left open.
    pub pos: Option<ErrorPos>,
    /// The full Nix-style text (starts with `error:`).
    pub rendered: String,
    /// What the page adds (why `pos` is not where Nix raised the error).
    pub note: Option<String>,
}

/// Worker → page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum WorkerMessage {
    /// The worker's wasm is loaded and it accepts requests.
    Ready,
    /// The answer to request `id` (boxed: the other messages are small).
    Done(Box<EvalResponse>),
    /// The options form's options for request `id`, read after its answer
    /// was sent (so the outputs show without waiting for them).
    Options(OptionsResponse),
    /// The answer to a [`TreeRequest`].
    Tree(TreeResponse),
    /// The extra nixpkgs files arrived and are mounted: what the page
    /// shows may change (options now checked against NixOS's index).
    ExtrasLoaded,
    /// The answer to a [`CheckRequest`].
    Checked(CheckResponse),
}

/// The options the user's own modules declare, for the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionsResponse {
    /// The request's `id`.
    pub id: u32,
    /// The options as JSON text (`{ options; inConfiguration; }`, read by
    /// [`crate::option_data::parse`]), no options when the entry is no
    /// configuration; `None` when they could not be read (the page then
    /// keeps the ones it has).
    pub options: Option<String>,
    /// What the user's modules define among the rendered files, read with
    /// the options (after the answer, as it costs the module system's
    /// records of `systemd.services` and `environment.etc`); `None` when it
    /// could not be read (the page keeps what it has).
    pub own: Option<Own>,
}

/// Everything one successful evaluation shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outputs {
    /// The printed value, if the entry kind has one.
    pub value: Option<String>,
    /// The rendered system, if there is one.
    pub system: Option<System>,
}

/// The NixOS configuration a flake or module defines, rendered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct System {
    /// Which configuration (`nixosConfigurations.NAME`, or the module's file).
    pub name: String,
    /// What NixOS would produce: the schema `nixpen render --json` prints.
    pub rendered: Rendered,
}

/// What the user's modules define among the rendered files: the units
/// (without their `.service`, `.timer`, … suffix) and the `/etc` files that
/// the user's own files (and the options form) define or change; the rest
/// are NixOS's own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Own {
    /// Unit names without their suffix (`xeserv.gohello`).
    pub units: Vec<String>,
    /// `/etc` file names (`nginx/nginx.conf`).
    pub etc: Vec<String>,
}

impl Own {
    /// Whether unit `name` (with its suffix) is the user's.
    pub fn has_unit(&self, name: &str) -> bool {
        let base = name.rsplit_once('.').map_or(name, |(base, _)| base);
        self.units.iter().any(|unit| unit == base)
    }
}

/// The answer to one [`EvalRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvalResponse {
    /// The request's `id`.
    pub id: u32,
    /// How the entry file was read.
    pub kind: SourceKind,
    /// What the entry's text holds ([`SourceKind::of`]).
    pub detected: SourceKind,
    /// On success: the printed value (`nix-instantiate --eval --strict`
    /// syntax; for a flake, a summary of its outputs; none for a module)
    /// and, for a flake with a NixOS configuration or a module, what NixOS
    /// would produce. On failure: the first error.
    pub result: Result<Outputs, ErrorReport>,
    /// `trace:` and `warning:` lines, in order.
    pub messages: Vec<String>,
    /// Time spent in the worker, in milliseconds.
    pub millis: f64,
}

/// The absolute path under which the evaluator sees the playground file `name`.
pub fn playground_path(name: &str) -> String {
    format!("{PLAYGROUND_DIR}/{name}")
}
