//! The page's root component: holds the workspace and the latest results,
//! and owns the [`Runner`]. Data flows one way: an edit updates the
//! workspace, is saved, and sent to the worker (debounced by [`Burst`]:
//! at once after a pause, at the end of a burst of typing; while the worker
//! is busy only the newest request waits its turn); the answer
//! updates the results, which the output views display.

use yew::prelude::*;

use crate::burst::Burst;
use crate::components::config_tree::{Path, TreeState};
use crate::components::editor::Editor;
use crate::components::file_tabs::FileTabs;
use crate::components::outputs::{Outputs, Results};
use crate::components::share_panel::SharePanel;
use crate::components::topbar::TopBar;
use crate::examples;
use crate::option_data::Data;
use crate::overrides;
use crate::page;
use crate::protocol::{playground_path, EvalRequest, TreeRequest};
use crate::runner::{Runner, RunnerEvent, RunnerSignal, BUDGET_MS};
use crate::share;
use crate::shared::Shared;
use crate::storage;
use crate::theme::Theme;
use crate::workspace::Workspace;

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
    /// Ask for a name and add a file.
    AddFile,
    /// Remove file `n` (after confirmation).
    RemoveFile(usize),
    /// Replace the files with an example (by id).
    LoadExample(String),
    /// Bring back the files an example or a link replaced.
    RestorePrevious,
    /// Show or hide the share panel.
    ToggleShare,
    /// Copy text to the clipboard.
    Copy(String),
    /// Cycle the theme.
    ToggleTheme,
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
    /// Whether the editor shows the generated `overrides.nix` (read-only).
    viewing_overrides: bool,
    /// What is known of the `config` tree.
    tree: TreeState,
    /// A message about the workspace (example loaded, link opened…) and
    /// whether "Restore" applies to it.
    banner: Option<(String, bool)>,
    /// The editor's input callback, made once: a new one on every render
    /// would make the editor (and its highlighting) render again each time
    /// outputs arrive.
    on_edit: Callback<String>,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let embed = page::is_embed();
        let theme = Theme::load();
        theme.apply(false);
        let (workspace, banner) = initial_workspace(embed);
        let runner = Runner::new(ctx.link().callback(Msg::Runner));
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
            viewing_overrides: false,
            tree: TreeState::default(),
            banner,
            on_edit: ctx.link().callback(Msg::Edit),
        };
        app.save();
        app.evaluate();
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edit(text) => {
                if self.showing_overrides() || self.workspace.active_file().text == text {
                    return false;
                }
                self.workspace.set_active_text(text);
                self.save();
                self.schedule(ctx);
            }
            Msg::Evaluate => {
                self.evaluate();
            }
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
                self.save();
            }
            Msg::AddFile => {
                let Some(name) = prompt("Name of the new file (for example module.nix):") else { return false };
                match self.workspace.add_file(&name) {
                    Ok(()) => {
                        self.save();
                        self.evaluate();
                    }
                    Err(reason) => self.banner = Some((format!("Could not add the file: {reason}."), false)),
                }
            }
            Msg::RemoveFile(index) => {
                let Some(file) = self.workspace.files.get(index) else { return false };
                if !confirm(&format!("Remove {}? Its text will be lost.", file.name)) {
                    return false;
                }
                self.workspace.remove_file(index);
                self.save();
                self.evaluate();
            }
            Msg::LoadExample(id) => {
                let Some(example) = examples::find(&id) else { return false };
                self.replace_workspace(
                    example.workspace(),
                    format!("Loaded “{}”. {}", example.title, example.explanation),
                );
            }
            Msg::RestorePrevious => {
                let Some(previous) = storage::load::<Workspace>(PREVIOUS_KEY).and_then(Workspace::sanitized) else {
                    return false;
                };
                self.workspace = previous;
                self.banner = Some(("Your previous files are back.".to_owned(), false));
                self.save();
                self.evaluate();
            }
            Msg::ToggleShare => self.share_open = !self.share_open,
            Msg::Copy(text) => copy_to_clipboard(&text),
            Msg::ToggleTheme => {
                self.theme = self.theme.next();
                self.theme.apply(true);
            }
            Msg::SetOverride(loc, value) => {
                if overrides::get(&self.workspace.overrides, &loc) == Some(&value) {
                    return false;
                }
                overrides::set(&mut self.workspace.overrides, &loc, value);
                self.save();
                self.schedule(ctx);
            }
            Msg::ResetOverride(loc) => {
                self.workspace.overrides.retain(|o| o.loc != loc);
                self.save();
                self.evaluate();
            }
            Msg::ResetOverrides => {
                self.workspace.overrides.clear();
                self.save();
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
        // Deflating the workspace costs a render; only the share panel and
        // the embed view's link show it.
        let share_fragment =
            (self.share_open || self.embed).then(|| share::encode(&self.workspace).unwrap_or_default());
        let share_link =
            share_fragment.as_ref().map(|fragment| format!("{}#{fragment}", page::base_url())).unwrap_or_default();
        let names: Vec<AttrValue> = self.workspace.files.iter().map(|f| AttrValue::from(f.name.clone())).collect();
        html! {
            <div class={classes!("app", self.embed.then_some("embed"))}>
                <TopBar
                    status={self.status()}
                    embed={self.embed}
                    open_link={share_link.clone()}
                    theme={self.theme}
                    on_example={link.callback(Msg::LoadExample)}
                    on_share={link.callback(|_| Msg::ToggleShare)}
                    on_theme={link.callback(|_| Msg::ToggleTheme)}
                />
                if self.share_open && !self.embed {
                    <SharePanel
                        link={share_link.clone()}
                        embed_code={embed_code(share_fragment.as_deref().unwrap_or_default())}
                        on_copy={link.callback(Msg::Copy)}
                        on_close={link.callback(|_| Msg::ToggleShare)}
                    />
                }
                if let Some((text, restorable)) = &self.banner {
                    <p class="banner" data-testid="banner" role="status">
                        { text.clone() }
                        if *restorable {
                            {" "}
                            <button type="button" data-testid="restore" onclick={link.callback(|_| Msg::RestorePrevious)}>
                                {"Restore my previous files"}
                            </button>
                        }
                    </p>
                }
                <main class="panes">
                    <section class="pane editor-pane" aria-label="Editor">
                        <FileTabs
                            {names}
                            active={self.workspace.active}
                            entry={self.workspace.entry.clone()}
                            on_select={link.callback(Msg::SelectFile)}
                            on_add={link.callback(|_| Msg::AddFile)}
                            on_remove={link.callback(Msg::RemoveFile)}
                            generated={(!self.workspace.overrides.is_empty()).then_some(AttrValue::from(overrides::FILE_NAME))}
                            generated_active={generated}
                            on_generated={link.callback(|_| Msg::ShowOverrides)}
                        />
                        <Editor
                            text={text}
                            name={name}
                            on_input={self.on_edit.clone()}
                            error={error_here}
                            editable={!generated}
                        />
                    </section>
                    <section class="pane output-pane" aria-label="Outputs">
                        <Outputs
                            results={self.results.clone()}
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
            </div>
        }
    }
}

impl App {
    fn save(&self) {
        if !self.embed {
            storage::save(storage::WORKSPACE_KEY, &self.workspace);
        }
    }

    /// Evaluates after an edit: at once, or when the burst of edits pauses.
    fn schedule(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        if self.burst.edit(js_sys::Date::now(), move || link.send_message(Msg::Evaluate)) {
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

    /// Swaps in new files, keeping the old ones for "Restore".
    fn replace_workspace(&mut self, workspace: Workspace, message: String) {
        let restorable = !self.embed && storage::save(PREVIOUS_KEY, &self.workspace);
        self.workspace = workspace;
        self.banner = Some((message, restorable));
        // The outputs shown so far stay, marked stale if the new files fail
        // (as in the tutorial's typo step), until the new ones replace them.
        self.results = Results {
            outputs: self.results.outputs.take(),
            form: std::mem::take(&mut self.results.form),
            ..Results::default()
        };
        self.save();
        self.evaluate();
    }

    fn on_runner_event(&mut self, event: RunnerEvent) {
        match event {
            RunnerEvent::Ready => self.engine = Engine::Ready,
            RunnerEvent::ExtrasLoaded => self.evaluate(),
            RunnerEvent::Done(response) => {
                self.results.pending = self.burst.waiting() || self.runner.is_busy();
                self.results.notice = None;
                self.results.millis = Some(response.millis);
                self.results.messages = response.messages;
                match response.result {
                    Ok(outputs) => {
                        self.results.outputs = Some(Shared::new(outputs));
                        self.results.error = None;
                        // Read the opened levels again, from the new configuration.
                        self.tree.children.clear();
                        self.tree.pending.clear();
                    }
                    Err(error) => self.results.error = Some(error),
                }
            }
            RunnerEvent::Tree(response) => {
                if self.tree.pending.remove(&response.path) {
                    let children = response.children();
                    self.tree.children.insert(response.path, children);
                }
            }
            RunnerEvent::Options(response) => {
                if let Some(form) = response.options.as_deref().and_then(crate::option_data::parse) {
                    self.results.form = Shared::new(form);
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
        match self.engine {
            Engine::Loading => "Loading the Nix evaluator…".to_owned(),
            Engine::Restarting => "Restarting the Nix evaluator…".to_owned(),
            Engine::Failed => "The Nix evaluator could not be loaded.".to_owned(),
            Engine::Ready if self.results.pending => format!("Evaluating {}…", self.workspace.entry),
            Engine::Ready => match self.results.millis {
                Some(ms) => format!("Evaluated {} in {ms:.0} ms", self.workspace.entry),
                None => "Ready".to_owned(),
            },
        }
    }
}

/// The workspace the page starts with: from a share link, else (outside
/// the embed view) the saved one, else the tutorial's final flake.
fn initial_workspace(embed: bool) -> (Workspace, Option<(String, bool)>) {
    let fragment = page::fragment();
    let saved =
        if embed { None } else { storage::load::<Workspace>(storage::WORKSPACE_KEY).and_then(Workspace::sanitized) };
    if let Some(shared) = share::decode(&fragment) {
        if embed {
            return (shared, None);
        }
        page::clear_fragment();
        let restorable = saved.as_ref().is_some_and(|saved| *saved != shared && storage::save(PREVIOUS_KEY, saved));
        return (shared, Some(("Opened the files of a shared link.".to_owned(), restorable)));
    }
    let banner = (!fragment.is_empty() && fragment.starts_with(share::PREFIX))
        .then(|| ("This share link is damaged; it could not be opened.".to_owned(), false));
    let workspace = saved.unwrap_or_else(|| {
        examples::find(examples::DEFAULT_EXAMPLE)
            .map(|e| e.workspace())
            .unwrap_or_else(|| Workspace::single("default.nix", "{ }"))
    });
    (workspace, banner)
}

/// The `<iframe>` code that embeds the files of `fragment`.
fn embed_code(fragment: &str) -> String {
    format!(
        "<iframe src=\"{}?embed#{fragment}\" title=\"Nixpen playground\" width=\"100%\" height=\"480\" loading=\"lazy\"></iframe>",
        page::base_url()
    )
}

fn prompt(message: &str) -> Option<String> {
    web_sys::window()?.prompt_with_message(message).ok().flatten()
}

fn confirm(message: &str) -> bool {
    web_sys::window().is_some_and(|w| w.confirm_with_message(message).unwrap_or(false))
}

fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
