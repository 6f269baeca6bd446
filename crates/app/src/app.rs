//! The page's root component: holds the workspace and the latest results,
//! and owns the [`Runner`]. Data flows one way: an edit updates the
//! workspace, is saved, and sent to the worker (debounced by [`Burst`]:
//! at once after a pause, at the end of a burst of typing; while the worker
//! is busy only the newest request waits its turn); the answer
//! updates the results, which the output views display.
//!
//! The layout ([`App::view`]): the top bar, a banner, then the panes: the
//! editor pane (file tabs, editor, its footer) and the output pane, side by
//! side; on a narrow screen one at a time, switched by [`PaneSwitch`]. A
//! panel beside the editor (a lesson, say) goes into `.panes` as a third
//! `<section class="pane">`.

use wasm_bindgen::prelude::*;
use yew::html::Scope;
use yew::prelude::*;

use nixpen_nixos::SourceKind;

use crate::burst::Burst;
use crate::components::banner::{banner_view, Banner, BannerProps};
use crate::components::config_tree::{Path, TreeState};
use crate::components::editor::{Caret, Editor};
use crate::components::editor_footer::{editor_footer, EditorFooterProps};
use crate::components::file_tabs::{file_tabs, FileTabsProps};
use crate::components::outputs::{Change, Outputs, Results};
use crate::components::pane_switch::{pane_switch, Pane, PaneSwitchProps};
use crate::components::share_panel::{share_panel, SharePanelProps};
use crate::components::topbar::{menu_value, top_bar, TopBarProps};
use crate::embed;
use crate::examples;
use crate::option_data::Data;
use crate::overrides;
use crate::page;
use crate::protocol::{playground_path, ErrorPos, EvalRequest, TreeRequest};
use crate::runner::{Runner, RunnerEvent, RunnerSignal, BUDGET_MS};
use crate::share;
use crate::shared::Shared;
use crate::storage;
use crate::theme::Theme;
use crate::workspace::{View, Workspace};

/// Where the files replaced by an example or a shared link are kept, so
/// that "Restore" can bring them back.
const PREVIOUS_KEY: &str = "nixpen.workspace.previous";

/// Messages of the root component.
pub enum Msg {
    /// The open file's text changed.
    Edit(String),
    /// A burst of edits paused: evaluate the newest files.
    Evaluate,
    /// Something happened in the runner.
    Runner(RunnerSignal),
    /// Open file tab `n`.
    SelectFile(usize),
    /// Show (`true`) or hide the new file's name field.
    Adding(bool),
    /// Add a file of this name (from the tab strip's name field).
    AddFile(String),
    /// Remove file `n` (after confirmation).
    RemoveFile(usize),
    /// Read the entry as this kind (`None`: as its text says).
    SetKind(Option<SourceKind>),
    /// Replace the files with an example (by id), once its text is fetched.
    LoadExample(String),
    /// The text of example `id`, or why it could not be had.
    ExampleFetched(&'static str, Result<String, String>),
    /// Bring back the files an example or a link replaced.
    RestorePrevious,
    /// Hide the banner.
    DismissBanner,
    /// The address's fragment changed: open the shared link it may hold.
    HashChanged,
    /// A share link was decoded (`None`: it is damaged).
    Opened(Option<Workspace>),
    /// The share link of the current files was made.
    Encoded(String),
    /// Show or hide the share panel.
    ToggleShare,
    /// Copy text to the clipboard.
    Copy(String),
    /// Cycle the theme.
    ToggleTheme,
    /// Show store paths in full, or shortened.
    ToggleFullPaths,
    /// Show the output tab and file of this view.
    SetView(View),
    /// Show this pane (narrow screens).
    ShowPane(Pane),
    /// Put the caret at an error's position.
    Jump(ErrorPos),
    /// The options form forces option `loc` to a value.
    SetOverride(Vec<String>, Data),
    /// The options form drops the override of option `loc`.
    ResetOverride(Vec<String>),
    /// The options form drops every override.
    ResetOverrides,
    /// Open the generated `overrides.nix` in the editor.
    ShowOverrides,
    /// Open or close a node of the `config` tree.
    TreeToggle(Path),
    /// Read these levels of the `config` tree.
    TreeLoad(Vec<Path>),
}

/// Where the evaluator stands, as the status line tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Engine {
    Loading,
    Restarting,
    Ready,
    Failed,
}

/// The root component.
pub struct App {
    workspace: Workspace,
    /// The embed view neither reads nor writes the saved workspace.
    embed: bool,
    runner: Runner,
    /// Debounce of edits.
    burst: Burst,
    engine: Engine,
    next_id: u32,
    results: Results,
    theme: Theme,
    share_open: bool,
    /// The share link's fragment for the current files, once made.
    share_fragment: Option<String>,
    /// Whether a shared link is being opened (the editor waits for it).
    opening: bool,
    /// Whether the editor shows the generated `overrides.nix` (read-only).
    viewing_overrides: bool,
    /// What is known of the `config` tree.
    tree: TreeState,
    /// A message about the workspace (example loaded, link opened…).
    banner: Option<Banner>,
    /// What the last change was (the stale label and the status say).
    change: Change,
    /// Whether store paths are shown in full.
    full_paths: bool,
    /// The pane shown on a narrow screen.
    pane: Pane,
    /// Where the editor should put its caret (numbered, so a second jump
    /// to the same place still moves it).
    caret: Option<Caret>,
    /// The editor's input callback, made once: a new one on every render
    /// would make the editor (and its highlighting) render again each time
    /// outputs arrive.
    on_edit: Callback<String>,
    /// The editor's "put the caret at the error" callback, made once too.
    on_jump: Callback<ErrorPos>,
    /// The first request whose answer belongs to the files now shown: an
    /// answer to an older one (still running when an example or a link
    /// replaced the files) is not shown.
    answers_from: u32,
    /// Whether the new file's name field is shown.
    adding_file: bool,
    /// The examples menu and the new file's name field.
    menu: NodeRef,
    new_file: NodeRef,
    /// The page's `hashchange` listener, kept while the app lives.
    _on_hash: Closure<dyn FnMut()>,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        // The embed view takes its colours from its address, not from the
        // reader's choice in the full playground.
        let embed_theme = embed::theme(&page::query());
        let embed = embed_theme.is_some();
        let theme = embed_theme.unwrap_or_else(Theme::load);
        theme.apply(false);
        let saved = if embed {
            None
        } else {
            storage::load::<Workspace>(storage::WORKSPACE_KEY).and_then(Workspace::sanitized)
        };
        let first_visit = saved.is_none();
        let workspace = saved.unwrap_or_else(default_workspace);
        let runner = Runner::new(ctx.link().callback(Msg::Runner));
        let on_hash = {
            let link = ctx.link().clone();
            Closure::<dyn FnMut()>::new(move || link.send_message(Msg::HashChanged))
        };
        if let Some(window) = web_sys::window() {
            let _ = window.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
        }
        let mut app = App {
            workspace,
            embed,
            runner,
            burst: Burst::default(),
            engine: Engine::Loading,
            next_id: 0,
            results: Results::default(),
            theme,
            share_open: false,
            share_fragment: None,
            opening: false,
            viewing_overrides: false,
            tree: TreeState::default(),
            banner: (first_visit && !embed).then_some(Banner::Welcome),
            change: Change::Source,
            full_paths: false,
            pane: Pane::Code,
            caret: None,
            on_edit: ctx.link().callback(Msg::Edit),
            on_jump: ctx.link().callback(Msg::Jump),
            answers_from: 0,
            adding_file: false,
            menu: NodeRef::default(),
            new_file: NodeRef::default(),
            _on_hash: on_hash,
        };
        if !app.open_fragment(ctx) {
            app.save(ctx);
            app.evaluate();
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edit(text) => {
                if self.showing_overrides() || self.workspace.active_file().text == text {
                    return false;
                }
                self.workspace.set_active_text(text);
                self.change = Change::Source;
                self.save(ctx);
                self.schedule(ctx, false);
            }
            Msg::Evaluate => self.evaluate(),
            Msg::Runner(signal) => {
                let Some(event) = self.runner.handle(signal) else { return false };
                self.on_runner_event(event);
            }
            Msg::SelectFile(index) => {
                if index >= self.workspace.files.len() || (index == self.workspace.active && !self.viewing_overrides) {
                    return false;
                }
                self.viewing_overrides = false;
                self.workspace.active = index;
                self.save(ctx);
            }
            Msg::Adding(adding) => self.adding_file = adding,
            Msg::AddFile(name) => match self.workspace.add_file(&name) {
                Ok(()) => {
                    self.save(ctx);
                    self.evaluate();
                }
                Err(reason) => self.banner = Some(Banner::Note(format!("Could not add the file: {reason}."))),
            },
            Msg::RemoveFile(index) => {
                let Some(file) = self.workspace.files.get(index) else { return false };
                if !confirm(&format!("Remove {}? Its text will be lost.", file.name)) {
                    return false;
                }
                self.workspace.remove_file(index);
                self.save(ctx);
                self.evaluate();
            }
            Msg::SetKind(kind) => {
                self.workspace.kind = kind;
                self.save(ctx);
                self.evaluate();
            }
            Msg::LoadExample(id) => {
                let Some(example) = examples::find(&id) else { return false };
                let link = ctx.link().clone();
                wasm_bindgen_futures::spawn_local(async move {
                    link.send_message(Msg::ExampleFetched(example.id, examples::fetch_text(example).await));
                });
                return false;
            }
            Msg::ExampleFetched(id, Err(why)) => {
                self.banner = Some(Banner::Note(format!("Could not load the example {id}: {why}.")));
            }
            Msg::ExampleFetched(id, Ok(text)) => {
                let Some(example) = examples::find(id) else { return false };
                let message = format!("Loaded “{}”. {}", example.title, example.explanation);
                self.replace_workspace(ctx, example.workspace(&text), message);
            }
            Msg::RestorePrevious => {
                let Some(previous) = storage::load::<Workspace>(PREVIOUS_KEY).and_then(Workspace::sanitized) else {
                    return false;
                };
                self.workspace = previous;
                self.fresh_results();
                self.banner = Some(Banner::Note("Your previous files are back.".to_owned()));
                self.save(ctx);
                self.evaluate();
            }
            Msg::DismissBanner => self.banner = None,
            Msg::HashChanged => return self.open_fragment(ctx),
            Msg::Opened(shared) => {
                self.opening = false;
                match shared {
                    Some(shared) if self.embed => {
                        self.workspace = shared;
                        self.save(ctx);
                        self.evaluate();
                    }
                    Some(shared) => self.replace_workspace(ctx, shared, "Opened the files of a shared link.".into()),
                    None => {
                        self.banner = Some(Banner::Note("This share link is damaged; it could not be opened.".into()));
                        self.evaluate();
                    }
                }
            }
            Msg::Encoded(fragment) => self.share_fragment = Some(fragment),
            Msg::ToggleShare => {
                self.share_open = !self.share_open;
                self.encode(ctx);
            }
            Msg::Copy(text) => copy_to_clipboard(&text),
            Msg::ToggleTheme => {
                self.theme = self.theme.next();
                self.theme.apply(true);
            }
            Msg::ToggleFullPaths => self.full_paths = !self.full_paths,
            Msg::SetView(view) => {
                if self.workspace.view == view {
                    return false;
                }
                self.workspace.view = view;
                self.save(ctx);
            }
            Msg::ShowPane(pane) => self.pane = pane,
            Msg::Jump(pos) => {
                if pos.file == overrides::MODULE_PATH {
                    self.viewing_overrides = true;
                } else if let Some(index) =
                    self.workspace.files.iter().position(|f| playground_path(&f.name) == pos.file)
                {
                    self.viewing_overrides = false;
                    self.workspace.active = index;
                } else {
                    return false;
                }
                let serial = self.caret.as_ref().map_or(0, |c| c.serial + 1);
                self.caret = Some(Caret { serial, line: pos.line, column: pos.column });
                self.pane = Pane::Code;
            }
            Msg::SetOverride(loc, value) => {
                if overrides::get(&self.workspace.overrides, &loc) == Some(&value) {
                    return false;
                }
                overrides::set(&mut self.workspace.overrides, &loc, value);
                self.change = Change::Form;
                self.save(ctx);
                self.schedule(ctx, true);
            }
            Msg::ResetOverride(loc) => {
                self.workspace.overrides.retain(|o| o.loc != loc);
                self.change = Change::Form;
                self.save(ctx);
                self.evaluate();
            }
            Msg::ResetOverrides => {
                self.workspace.overrides.clear();
                self.change = Change::Form;
                self.save(ctx);
                self.evaluate();
            }
            Msg::ShowOverrides => self.viewing_overrides = true,
            Msg::TreeToggle(path) => {
                if !self.tree.expanded.remove(&path) {
                    self.tree.expanded.insert(path);
                }
            }
            Msg::TreeLoad(paths) => {
                for path in paths {
                    if self.tree.pending.insert(path.clone()) {
                        self.next_id = self.next_id.wrapping_add(1);
                        self.runner.submit_tree(TreeRequest { id: self.next_id, path });
                    }
                }
                return false;
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let file = self.workspace.active_file();
        let generated = self.showing_overrides();
        let (name, text) = if generated {
            (overrides::FILE_NAME.to_owned(), overrides::module_text(&self.workspace.overrides))
        } else {
            (file.name.clone(), file.text.clone())
        };
        let path = if generated { overrides::MODULE_PATH.to_owned() } else { playground_path(&file.name) };
        let error_here = self.results.error.clone().filter(|e| e.pos.as_ref().is_some_and(|p| p.file == path));
        let share_link = self
            .share_fragment
            .as_ref()
            .filter(|_| self.share_open || self.embed)
            .map(|fragment| format!("{}#{fragment}", page::base_url()))
            .unwrap_or_default();
        let names: Vec<AttrValue> = self.workspace.files.iter().map(|f| AttrValue::from(f.name.clone())).collect();
        let loaded = self.workspace.example.as_ref();
        let example = loaded.and_then(|l| examples::find(&l.id));
        let edited = loaded.is_some_and(|l| !examples::unchanged(l, &self.workspace.files));
        let has_error = self.results.error.is_some();
        html! {
            <div class={classes!("app", self.embed.then_some("embed"))}>
                { top_bar(&TopBarProps {
                    status: self.status().into(),
                    busy: self.results.pending,
                    error: has_error,
                    embed: self.embed,
                    open_link: share_link.clone().into(),
                    theme: self.theme,
                    example: example.map(|e| AttrValue::from(e.id)),
                    edited,
                    on_example: link.callback(Msg::LoadExample),
                    on_share: link.callback(|_| Msg::ToggleShare),
                    on_theme: link.callback(|_| Msg::ToggleTheme),
                    menu: self.menu.clone(),
                }) }
                if self.share_open && !self.embed {
                    { share_panel(&SharePanelProps {
                        link: share_link.clone().into(),
                        script_code: embed::script_code(&page::base_url(), &self.workspace.files).into(),
                        iframe_code: embed::iframe_code(&page::base_url(), self.share_fragment.as_deref().unwrap_or_default()).into(),
                        on_copy: link.callback(Msg::Copy),
                        on_close: link.callback(|_| Msg::ToggleShare),
                    }) }
                }
                if let Some(banner) = &self.banner {
                    { banner_view(&BannerProps {
                        banner: banner.clone(),
                        on_restore: link.callback(|_| Msg::RestorePrevious),
                        on_tutorial: link.callback(|_| Msg::LoadExample(examples::TUTORIAL_START.to_owned())),
                        on_dismiss: link.callback(|_| Msg::DismissBanner),
                    }) }
                }
                <main class="panes" data-pane={self.pane.id()}>
                    <section class="pane editor-pane" id="pane-code" aria-label="Editor">
                        { file_tabs(&FileTabsProps {
                            names,
                            active: self.workspace.active,
                            entry: self.workspace.entry.clone().into(),
                            on_select: link.callback(Msg::SelectFile),
                            on_add: link.callback(Msg::AddFile),
                            on_remove: link.callback(Msg::RemoveFile),
                            generated: (!self.workspace.overrides.is_empty()).then_some(AttrValue::from(overrides::FILE_NAME)),
                            generated_active: generated,
                            on_generated: link.callback(|_| Msg::ShowOverrides),
                            adding: self.adding_file,
                            on_adding: link.callback(Msg::Adding),
                            field: self.new_file.clone(),
                        }) }
                        if self.opening {
                            <p class="editor-wait" data-testid="opening">{"Opening the shared files…"}</p>
                        } else {
                            <Editor
                                text={text}
                                name={name}
                                on_input={self.on_edit.clone()}
                                error={error_here}
                                editable={!generated}
                                caret={self.caret.clone()}
                                on_jump={self.on_jump.clone()}
                            />
                        }
                        { editor_footer(&EditorFooterProps {
                            entry: self.workspace.entry.clone().into(),
                            detected: self.results.detected,
                            chosen: self.workspace.kind,
                            on_kind: link.callback(Msg::SetKind),
                        }) }
                    </section>
                    <section class="pane output-pane" id="pane-output" aria-label="Outputs">
                        <Outputs
                            results={self.results.clone()}
                            change={self.change}
                            view={self.workspace.view.clone()}
                            on_view={link.callback(Msg::SetView)}
                            full_paths={self.full_paths}
                            on_full_paths={link.callback(|_| Msg::ToggleFullPaths)}
                            on_jump={link.callback(Msg::Jump)}
                            on_copy={link.callback(Msg::Copy)}
                            overrides={self.workspace.overrides.clone()}
                            on_set={link.callback(|(loc, value)| Msg::SetOverride(loc, value))}
                            on_reset={link.callback(Msg::ResetOverride)}
                            on_reset_all={link.callback(|_| Msg::ResetOverrides)}
                            tree={self.tree.clone()}
                            on_tree_toggle={link.callback(Msg::TreeToggle)}
                            on_tree_load={link.callback(Msg::TreeLoad)}
                        />
                    </section>
                </main>
                { pane_switch(&PaneSwitchProps { pane: self.pane, error: has_error, on_pane: link.callback(Msg::ShowPane) }) }
            </div>
        }
    }

    fn rendered(&mut self, _ctx: &Context<Self>, _first_render: bool) {
        if let Some(menu) = self.menu.cast::<web_sys::HtmlSelectElement>() {
            let loaded = self.workspace.example.as_ref();
            let edited = loaded.is_some_and(|l| !examples::unchanged(l, &self.workspace.files));
            let value = menu_value(loaded.map(|l| l.id.as_str()), edited);
            if menu.value() != value {
                menu.set_value(value);
            }
        }
        if let (true, Some(field)) = (self.adding_file, self.new_file.cast::<web_sys::HtmlElement>()) {
            let _ = field.focus();
        }
    }
}

impl App {
    /// Saves the workspace, and makes its share link again if one is shown.
    fn save(&mut self, ctx: &Context<Self>) {
        if !self.embed {
            storage::save(storage::WORKSPACE_KEY, &self.workspace);
        }
        self.encode(ctx);
    }

    /// Makes the share link of the files, when the share panel or the embed
    /// view shows it (deflating is asynchronous).
    fn encode(&mut self, ctx: &Context<Self>) {
        if !(self.share_open || self.embed) {
            return;
        }
        let (workspace, link) = (self.workspace.clone(), ctx.link().clone());
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(fragment) = share::encode(&workspace).await {
                link.send_message(Msg::Encoded(fragment));
            }
        });
    }

    /// Opens the share link in the address's fragment, if there is one:
    /// decoding is asynchronous ([`Msg::Opened`] follows). Returns whether
    /// there was one. Outside the embed view the fragment is then removed.
    fn open_fragment(&mut self, ctx: &Context<Self>) -> bool {
        let fragment = page::fragment();
        if !fragment.starts_with(share::PREFIX) {
            return false;
        }
        if !self.embed {
            page::clear_fragment();
        }
        self.opening = true;
        open_link(ctx.link().clone(), fragment);
        true
    }

    /// Evaluates after an edit: at once, or when the burst of edits pauses.
    fn schedule(&mut self, ctx: &Context<Self>, patient: bool) {
        let link = ctx.link().clone();
        if self.burst.edit(js_sys::Date::now(), patient, move || link.send_message(Msg::Evaluate)) {
            self.evaluate();
        } else {
            self.results.pending = true;
        }
    }

    /// Sends the newest files to the worker.
    fn evaluate(&mut self) {
        self.burst.settle();
        self.next_id = self.next_id.wrapping_add(1);
        self.results.pending = true;
        self.runner.submit(EvalRequest {
            id: self.next_id,
            files: self.workspace.files.clone(),
            entry: self.workspace.entry.clone(),
            overrides: (!self.workspace.overrides.is_empty())
                .then(|| overrides::module_text(&self.workspace.overrides)),
            kind: self.workspace.kind,
        });
    }

    /// Marks the `config` tree's unanswered levels as failed (a fresh
    /// worker would meet the same trouble if they were asked for again).
    fn abandon_tree_requests(&mut self, why: &str) {
        for path in std::mem::take(&mut self.tree.pending) {
            self.tree.children.insert(path, Err(format!("Could not read this value: {why}.")));
        }
    }

    /// Whether the editor shows the generated `overrides.nix`.
    fn showing_overrides(&self) -> bool {
        self.viewing_overrides && !self.workspace.overrides.is_empty()
    }

    /// Forgets the outputs of other files: nothing "last good" is shown
    /// that does not come from the files now in the editor.
    fn fresh_results(&mut self) {
        self.answers_from = self.next_id.wrapping_add(1);
        self.results = Results::default();
        self.tree = TreeState::default();
        self.viewing_overrides = false;
        self.change = Change::Source;
    }

    /// Swaps in new files, keeping the old ones for "Restore".
    fn replace_workspace(&mut self, ctx: &Context<Self>, workspace: Workspace, message: String) {
        let restorable = !self.embed && self.workspace != workspace && storage::save(PREVIOUS_KEY, &self.workspace);
        self.workspace = workspace;
        self.banner = Some(if restorable { Banner::Restorable(message) } else { Banner::Note(message) });
        self.fresh_results();
        self.save(ctx);
        self.evaluate();
    }

    fn on_runner_event(&mut self, event: RunnerEvent) {
        match event {
            RunnerEvent::Ready => self.engine = Engine::Ready,
            RunnerEvent::ExtrasLoaded => self.evaluate(),
            RunnerEvent::Done(response) if response.id < self.answers_from => {
                self.results.pending = self.burst.waiting() || self.runner.is_busy();
            }
            RunnerEvent::Done(response) => {
                self.results.pending = self.burst.waiting() || self.runner.is_busy();
                self.results.notice = None;
                self.results.millis = Some(response.millis);
                self.results.messages = response.messages;
                // Outputs of the file read as another kind are from another
                // state: an error then shows alone.
                let same_kind = self.results.kind == Some(response.kind);
                self.results.kind = Some(response.kind);
                self.results.detected = Some(response.detected);
                match response.result {
                    Ok(outputs) => {
                        self.results.outputs = Some(Shared::new(outputs));
                        self.results.error = None;
                        // Read the opened levels again, from the new configuration.
                        self.tree.children.clear();
                        self.tree.pending.clear();
                    }
                    Err(error) => {
                        if !same_kind {
                            self.results.outputs = None;
                        }
                        self.results.error = Some(error);
                    }
                }
            }
            RunnerEvent::Tree(response) => {
                if self.tree.pending.remove(&response.path) {
                    let children = response.children();
                    self.tree.children.insert(response.path, children);
                }
            }
            RunnerEvent::Options(response) if response.id < self.answers_from => {}
            RunnerEvent::Options(response) => {
                if let Some(form) = response.options.as_deref().and_then(crate::option_data::parse) {
                    self.results.form = Shared::new(form);
                }
                if let Some(own) = response.own.filter(|own| *own != *self.results.own) {
                    self.results.own = Shared::new(own);
                }
            }
            RunnerEvent::Stopped => {
                self.engine = Engine::Restarting;
                self.abandon_tree_requests("it ran longer than the time budget");
                self.results.pending = false;
                self.results.notice = Some(format!(
                    "Stopped: the evaluation ran longer than {} s (endless recursion, or a very large value?). \
                     The evaluator was restarted; the outputs shown are from the last good evaluation.",
                    BUDGET_MS / 1000
                ));
            }
            RunnerEvent::Crashed(message) => {
                self.abandon_tree_requests("the evaluator stopped");
                self.results.pending = false;
                self.engine = if self.runner.is_alive() { Engine::Restarting } else { Engine::Failed };
                self.results.notice =
                    Some(format!("The evaluator stopped unexpectedly ({message}); it was restarted."));
            }
        }
    }

    fn status(&self) -> String {
        let entry = &self.workspace.entry;
        match self.engine {
            Engine::Loading => "Loading the Nix evaluator…".to_owned(),
            Engine::Restarting => "Restarting the Nix evaluator…".to_owned(),
            Engine::Failed => "The Nix evaluator could not be loaded.".to_owned(),
            Engine::Ready if self.results.pending && self.change == Change::Form => {
                format!("Evaluating {entry} with the form's change…")
            }
            Engine::Ready if self.results.pending => format!("Evaluating {entry}…"),
            Engine::Ready => match (&self.results.error, self.results.millis) {
                (Some(error), _) => match &error.pos {
                    Some(pos) => format!("Error in {}, line {}", short_path(&pos.file), pos.line),
                    None => format!("Error evaluating {entry}"),
                },
                (None, Some(ms)) => format!("Evaluated {entry} in {ms:.0} ms"),
                (None, None) => "Ready".to_owned(),
            },
        }
    }
}

/// A file's path as the user knows it: `flake.nix`, not `/playground/flake.nix`.
pub fn short_path(path: &str) -> &str {
    path.strip_prefix("/playground/").or_else(|| path.strip_prefix("/form/")).unwrap_or(path)
}

/// Decodes the share link `fragment` and reports it as [`Msg::Opened`].
fn open_link(link: Scope<App>, fragment: String) {
    wasm_bindgen_futures::spawn_local(async move {
        link.send_message(Msg::Opened(share::decode(&fragment).await));
    });
}

/// The workspace of a first visit: the tutorial's final flake.
fn default_workspace() -> Workspace {
    examples::find(examples::DEFAULT_EXAMPLE)
        .and_then(|e| Some(e.workspace(e.text?)))
        .unwrap_or_else(|| Workspace::single("default.nix", "{ }"))
}

fn confirm(message: &str) -> bool {
    web_sys::window().is_some_and(|w| w.confirm_with_message(message).unwrap_or(false))
}

fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
