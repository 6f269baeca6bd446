//! The one place that calls the evaluator (`nixpen-eval`). Runs inside the
//! worker: one [`Engine`] lives as long as the worker, so the evaluator's
//! parse cache survives between edits.
//!
//! What is evaluated depends on what the entry file holds ([`SourceKind`],
//! judged by its text unless the user chose):
//! - a flake: a summary of its outputs (`nix/flake-show.nix`) and the first
//!   of its `nixosConfigurations`, rendered;
//! - a NixOS configuration: the system it configures, rendered;
//! - anything else: its value, as `nix-instantiate --eval --strict` prints it.
//!
//! The configuration's expressions come from [`Target`] (as for the CLI's
//! `render` and `options`); when the options form changed something, the
//! configuration is extended with its override module. The options the
//! user's own modules declare are read afterwards ([`Engine::options`]),
//! for the form, and so are the names of the units and `/etc` files they
//! define ([`Engine::own`], `nix/own.nix`). An
//! error is pointed at where the user can act ([`error_hints::improve`]).
//! A lesson step's checks are judged by the judges written in Nix, as
//! `nixpen lesson check` judges them ([`Engine::check`]).

use std::sync::Arc;

use nixpen_eval::print::{attr_name, escape_str};
use nixpen_eval::{
    EvalConfig, EvalError, Evaluator, HeapRelease, Input, MemoryFs, OutputFormat, OverlayFs, Request, SearchPathEntry,
};
use nixpen_nixos::embedded::NIXPKGS_MOUNT;
use nixpen_nixos::target::{extend_expr, flake_expr, may_lack_package, with_stand_ins};
use nixpen_nixos::{Rendered, SourceKind, Target};

use crate::error_hints;
use crate::overrides::MODULE_PATH;
use crate::protocol::{
    playground_path, ErrorPos, ErrorReport, EvalRequest, EvalResponse, File, Outputs, Own, System, PLAYGROUND_DIR,
};

/// Where the app's own Nix helpers are mounted.
const APP_MOUNT: &str = "/nixpen/app";

/// The largest heap one evaluation may use in the browser.
const MAX_MEMORY_BYTES: usize = 1 << 30;

/// Long-lived evaluation state of one worker.
pub struct Engine {
    evaluator: Evaluator,
    playground: Arc<MemoryFs>,
    /// The embedded nixpkgs tree, to which the extra files are added.
    nixpkgs: Arc<MemoryFs>,
    files: Vec<File>,
    overrides: Option<String>,
    /// The last request's configuration, whose options [`Engine::options`]
    /// and whose `config` [`Engine::tree`] read.
    form: FormQuery,
    /// Whether the extra files are in the tree (stand-ins among them).
    extras: bool,
}

/// A flake's outputs summary, configuration names and first system (JSON).
type FlakeParts = (Result<String, ErrorReport>, Result<String, ErrorReport>, Result<String, ErrorReport>);

/// What the last request leaves for [`Engine::options`].
enum FormQuery {
    /// No configuration: no options.
    Nothing,
    /// The request failed before a configuration was found.
    Unknown,
    /// The configuration's target and the modules it was extended with.
    Target(Target, Vec<String>),
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine whose file system holds the embedded nixpkgs at
    /// `/nixpen/nixpkgs`, the app's helpers and an empty `/playground`.
    pub fn new() -> Engine {
        let playground = Arc::new(MemoryFs::new());
        playground.add_dir(PLAYGROUND_DIR);
        let nixpkgs = Arc::new(MemoryFs::new());
        for (path, bytes) in nixpen_nixos::embedded::files() {
            nixpkgs.add_file(&format!("/{path}"), bytes.to_vec());
        }
        let app = Arc::new(MemoryFs::new());
        // Without their comment lines (build.rs).
        app.add_file("/flake-show.nix", include_str!(concat!(env!("OUT_DIR"), "/flake-show.nix")));
        app.add_file("/config-tree.nix", include_str!(concat!(env!("OUT_DIR"), "/config-tree.nix")));
        app.add_file("/own.nix", include_str!(concat!(env!("OUT_DIR"), "/own.nix")));
        let fs = OverlayFs::new()
            .with_mount("/", playground.clone(), "/")
            .with_mount(NIXPKGS_MOUNT, nixpkgs.clone(), "/")
            .with_mount(APP_MOUNT, app, "/");
        let mut config = EvalConfig::new(Arc::new(fs));
        config.search_path.push(SearchPathEntry { prefix: "nixpkgs".into(), path: NIXPKGS_MOUNT.into() });
        config.cwd = PLAYGROUND_DIR.into();
        config.limits.max_memory_bytes = MAX_MEMORY_BYTES;
        // Freed after the answer is posted (`release_heap`), not before.
        config.heap_release = HeapRelease::Defer;
        Engine {
            evaluator: Evaluator::new(config),
            playground,
            nixpkgs,
            extras: false,
            files: Vec::new(),
            overrides: None,
            form: FormQuery::Nothing,
        }
    }

    /// Evaluates `request.entry` among `request.files`.
    pub fn eval(&mut self, request: &EvalRequest) -> EvalResponse {
        let started = js_sys::Date::now();
        self.sync_files(&request.files);
        self.sync_overrides(request.overrides.as_deref());
        let text = request.files.iter().find(|f| f.name == request.entry).map_or("", |f| f.text.as_str());
        let detected = SourceKind::of(text);
        let kind = request.kind.unwrap_or(detected);
        let mut messages = Vec::new();
        self.form = FormQuery::Nothing;
        let path = playground_path(&request.entry);
        let result = match kind {
            SourceKind::Expression => self
                .run(Input::File(path), OutputFormat::Nix, &mut messages)
                .map(|value| Outputs { value: Some(value), system: None }),
            SourceKind::Flake => {
                self.flake(if request.entry == "flake.nix" { PLAYGROUND_DIR.into() } else { path }, &mut messages)
            }
            SourceKind::Configuration => {
                self.system(Target::Module { path }, request.entry.clone(), None, &mut messages)
            }
        };
        let result = result.map_err(|mut error| {
            let mut files: Vec<(String, &str)> = Vec::new();
            files.extend(
                request
                    .files
                    .iter()
                    .filter(|f| f.name == request.entry)
                    .map(|f| (playground_path(&f.name), f.text.as_str())),
            );
            files.extend(
                request
                    .files
                    .iter()
                    .filter(|f| f.name != request.entry)
                    .map(|f| (playground_path(&f.name), f.text.as_str())),
            );
            files.extend(self.overrides.as_deref().map(|text| (MODULE_PATH.to_owned(), text)));
            error_hints::improve(&mut error, &files);
            error
        });
        EvalResponse { id: request.id, kind, detected, result, messages, millis: js_sys::Date::now() - started }
    }

    /// Judges a lesson step's checks on the files of the last evaluation,
    /// without the options form's overrides (`nixpen_lessons::run_checks`;
    /// the judges are among the extra files): `step_json` is the step as
    /// the course's bundle holds it (its `entry`, `attr` and `checks` are
    /// read); the answer is the JSON list of verdicts (`{ passed, detail? }`,
    /// in order), or why they could not be judged.
    pub fn check(&mut self, step_json: &str) -> Result<String, String> {
        nixpen_lessons::run_checks(&mut self.evaluator, step_json).map_err(|e| e.rendered)
    }

    /// The module files the configuration is extended with: the options
    /// form's overrides, when there are any.
    fn override_modules(&self) -> Vec<String> {
        self.overrides.iter().map(|_| MODULE_PATH.to_owned()).collect()
    }

    /// Frees what the evaluations since the last call left behind: called
    /// once their answer has been posted, so the freeing is not part of the
    /// latency the user waits for.
    pub fn release_heap(&mut self) {
        self.evaluator.release_heap();
    }

    /// The options the last request's configuration declares in the user's
    /// own files (extended with the same override module), as the JSON text
    /// of `Target::form_options_expr` (no options when it had no
    /// configuration); `None` when they cannot be read.
    pub fn options(&mut self) -> Option<String> {
        let expr = match &self.form {
            FormQuery::Nothing => return Some(r#"{"options":[],"inConfiguration":true}"#.to_owned()),
            FormQuery::Unknown => return None,
            FormQuery::Target(target, modules) => target.form_options_expr(modules),
        };
        // Its warnings repeat the rendering's: not shown twice.
        self.expr(&expr, OutputFormat::Json, &mut Vec::new()).ok()
    }

    /// What the user's own modules define among the last request's rendered
    /// files (`nix/own.nix`); nothing when it had no configuration, `None`
    /// when it cannot be read.
    pub fn own(&mut self) -> Option<Own> {
        let FormQuery::Target(target, modules) = &self.form else {
            return matches!(self.form, FormQuery::Nothing).then(Own::default);
        };
        let expr = format!("import {APP_MOUNT}/own.nix {}", target.extended_expr(modules));
        let json = self.expr(&expr, OutputFormat::Json, &mut Vec::new()).ok()?;
        serde_wasm_bindgen::from_value(js_sys::JSON::parse(&json).ok()?).ok()
    }

    /// The children of `config` at `path` in the last request's
    /// configuration (`nix/config-tree.nix`), as JSON text.
    pub fn tree(&mut self, path: &[String]) -> Result<String, String> {
        let FormQuery::Target(target, modules) = &self.form else {
            return Err("there is no NixOS configuration to show".into());
        };
        let names: Vec<String> = path.iter().map(|name| escape_str(name)).collect();
        let expr = format!(
            "import {APP_MOUNT}/config-tree.nix {{ config = {}.config; path = [ {} ]; }}",
            target.extended_expr(modules),
            names.join(" ")
        );
        self.expr(&expr, OutputFormat::Json, &mut Vec::new()).map_err(|e| e.rendered)
    }

    /// A flake (in folder `dir`, or the file it names): its outputs'
    /// summary, and its first NixOS configuration, in one evaluation (the
    /// flake and nixpkgs are evaluated once for both).
    fn flake(&mut self, dir: String, messages: &mut Vec<String>) -> Result<Outputs, ErrorReport> {
        let modules = self.override_modules();
        let before = messages.len();
        let parts = self.flake_parts(&dir, &modules, messages);
        match &parts.2 {
            Err(e) if self.retry_with_stand_ins(e) => {
                messages.truncate(before);
                let modules = with_stand_ins(&modules);
                let parts = self.flake_parts(&dir, &modules, messages);
                self.flake_outputs(dir, parts, modules)
            }
            _ => self.flake_outputs(dir, parts, modules),
        }
    }

    /// The flake's outputs summary, configuration names and first system,
    /// its configurations extended with `modules`.
    fn flake_parts(&mut self, dir: &str, modules: &[String], messages: &mut Vec<String>) -> FlakeParts {
        let first = extend_expr("configurations.${builtins.head names}", modules);
        let expr = format!(
            "let flake = {}; \
             configurations = flake.outputs.nixosConfigurations or {{ }}; \
             names = builtins.attrNames configurations; in \
             {{ show = import {APP_MOUNT}/flake-show.nix flake.outputs; inherit names; \
             system = if names == [ ] then null else {}; }}",
            flake_expr(dir),
            render(&first)
        );
        let request = Request {
            input: Input::Expr { text: expr },
            attr: None,
            auto_args: Vec::new(),
            strict: true,
            format: OutputFormat::Json,
        };
        let parts = [("show", OutputFormat::Nix), ("names", OutputFormat::Json), ("system", OutputFormat::Json)];
        let outcome = self.evaluator.eval_parts(&request, &parts);
        messages.extend(outcome.messages);
        let mut results = outcome.results.into_iter().map(|r| r.map_err(report));
        let mut next = || results.next().unwrap_or_else(|| Err(report(missing_part())));
        (next(), next(), next())
    }

    /// The answer of a flake from its parts.
    fn flake_outputs(
        &mut self,
        dir: String,
        (shown, names, system): FlakeParts,
        modules: Vec<String>,
    ) -> Result<Outputs, ErrorReport> {
        let names = shown.and_then(|value| names.map(|names| (value, names)));
        let (value, names) = match names {
            Ok(found) => found,
            Err(error) => {
                self.form = FormQuery::Unknown;
                return Err(error);
            }
        };
        let first =
            js_sys::JSON::parse(&names).ok().and_then(|v| serde_wasm_bindgen::from_value::<Vec<String>>(v).ok());
        match first.and_then(|names| names.into_iter().next()) {
            None => Ok(Outputs { value: Some(value), system: None }),
            Some(name) => {
                let attr = format!("nixosConfigurations.{}", attr_name(&name));
                self.form = FormQuery::Target(Target::Flake { dir, attr: Some(attr) }, modules);
                let system = system.and_then(|json| parse_system(&json, name))?;
                Ok(Outputs { value: Some(value), system: Some(system) })
            }
        }
    }

    /// A configuration: what NixOS would produce (its options are read
    /// afterwards, by [`Engine::options`]).
    fn system(
        &mut self,
        target: Target,
        name: String,
        value: Option<String>,
        messages: &mut Vec<String>,
    ) -> Result<Outputs, ErrorReport> {
        let mut modules = self.override_modules();
        let before = messages.len();
        let mut json = self.expr(&render(&target.extended_expr(&modules)), OutputFormat::Json, messages);
        if matches!(&json, Err(e) if self.retry_with_stand_ins(e)) {
            messages.truncate(before);
            modules = with_stand_ins(&modules);
            json = self.expr(&render(&target.extended_expr(&modules)), OutputFormat::Json, messages);
        }
        let rendered = json.and_then(|json| parse_system(&json, name));
        self.form = FormQuery::Target(target, modules);
        rendered.map(|system| Outputs { value, system: Some(system) })
    }

    fn expr(&mut self, text: &str, format: OutputFormat, messages: &mut Vec<String>) -> Result<String, ErrorReport> {
        self.run(Input::Expr { text: text.to_owned() }, format, messages)
    }

    fn run(&mut self, input: Input, format: OutputFormat, messages: &mut Vec<String>) -> Result<String, ErrorReport> {
        let request = Request { input, attr: None, auto_args: Vec::new(), strict: true, format };
        let outcome = self.evaluator.eval(&request);
        messages.extend(outcome.messages);
        outcome.result.map_err(report)
    }

    /// Adds the extra files of the nixpkgs tree (names relative to its
    /// root, as `nixpen_nixos::extra::FILES` lists them).
    pub fn add_extras(&mut self, files: &[File]) {
        for file in files {
            if nixpen_nixos::extra::FILES.contains(&file.name.as_str()) {
                self.nixpkgs.add_file(&format!("/{}", file.name), file.text.as_bytes().to_vec());
                self.extras = true;
            }
        }
    }

    /// Whether a render that failed with `error` is tried once more with
    /// stand-ins for packages Nixpen's set lacks (`Target::stand_ins_expr`).
    fn retry_with_stand_ins(&self, error: &ErrorReport) -> bool {
        self.extras && may_lack_package(&error.message)
    }

    /// Makes `/playground` hold exactly `files`.
    fn sync_files(&mut self, files: &[File]) {
        if self.files == files {
            return;
        }
        for old in &self.files {
            if !files.iter().any(|file| file.name == old.name) {
                self.playground.remove(&playground_path(&old.name));
            }
        }
        for file in files {
            if !self.files.contains(file) {
                self.playground.add_file(&playground_path(&file.name), file.text.as_bytes().to_vec());
            }
        }
        self.files = files.to_vec();
    }

    /// Writes (or removes) the options form's override module.
    fn sync_overrides(&mut self, text: Option<&str>) {
        if self.overrides.as_deref() == text {
            return;
        }
        match text {
            Some(text) => self.playground.add_file(MODULE_PATH, text.as_bytes().to_vec()),
            None => self.playground.remove(MODULE_PATH),
        }
        self.overrides = text.map(str::to_owned);
    }
}

/// The fields of `system.build.nixpen` the views show (all but `scripts`
/// and `stateVersion`: see `nixpen_nixos::Rendered`) of the configuration
/// `configuration`.
fn render(configuration: &str) -> String {
    format!(
        "let r = ({configuration}).config.system.build.nixpen; in \
         {{ inherit (r) units nginx etc firewall warnings unmodelled missingImports \
         systemPackages userPackages standIns provisional; }}"
    )
}

/// An answer without one of the parts asked for (cannot happen: the
/// evaluator answers every part).
fn missing_part() -> EvalError {
    EvalError {
        message: "(Nixpen) a part of the answer is missing".into(),
        pos: None,
        rendered: "error: (Nixpen) a part of the answer is missing".into(),
    }
}

fn report(error: EvalError) -> ErrorReport {
    ErrorReport {
        message: error.message,
        pos: error.pos.map(|pos| ErrorPos { file: pos.file, line: pos.line, column: pos.column }),
        rendered: error.rendered,
        note: None,
    }
}

/// Decodes the JSON of the system rendered for configuration `name`.
fn parse_system(json: &str, name: String) -> Result<System, ErrorReport> {
    let internal = |what: String| ErrorReport {
        message: what.clone(),
        pos: None,
        rendered: format!("error: (Nixpen) {what}"),
        note: None,
    };
    let value = js_sys::JSON::parse(json).map_err(|_| internal("the rendered system is not valid JSON".into()))?;
    let rendered: Rendered = serde_wasm_bindgen::from_value(value)
        .map_err(|e| internal(format!("the rendered system has an unexpected shape: {e}")))?;
    Ok(System { name, rendered })
}
