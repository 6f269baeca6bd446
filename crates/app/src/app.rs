//! The page's root component: holds the workspace and the latest results,
//! and owns the [`Runner`]. Data flows one way: an edit updates the
//! workspace, is saved, and (debounced) sent to the worker; the answer
//! updates the results, which the output views display.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::components::editor::Editor;
use crate::components::outputs::{Outputs, Results};
use crate::protocol::EvalRequest;
use crate::runner::{Runner, RunnerEvent, RunnerSignal, BUDGET_MS};
use crate::storage;
use crate::workspace::Workspace;

/// Quiet time after the last keystroke before evaluating.
const DEBOUNCE_MS: u32 = 150;

/// What the starting text is when nothing was saved.
const WELCOME: &str = "# Type a Nix expression; its value appears on the right.\n\
let\n  greet = name: \"Hello, ${name}!\";\nin {\n  message = greet \"NixOS\";\n  sum = 1 + 2;\n}\n";

/// Messages of the root component.
pub enum Msg {
    /// The open file's text changed.
    Edit(String),
    /// The debounce timer fired: evaluate now.
    Evaluate,
    /// Something happened in the runner.
    Runner(RunnerSignal),
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
    runner: Runner,
    engine: Engine,
    next_id: u32,
    debounce: Option<Timeout>,
    results: Results,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let workspace = storage::load::<Workspace>(storage::WORKSPACE_KEY)
            .and_then(Workspace::sanitized)
            .unwrap_or_else(|| Workspace::single("default.nix", WELCOME));
        let runner = Runner::new(ctx.link().callback(Msg::Runner));
        let mut app = App {
            workspace,
            runner,
            engine: Engine::Loading,
            next_id: 0,
            debounce: None,
            results: Results::default(),
        };
        app.evaluate();
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Edit(text) => {
                if self.workspace.active_file().text == text {
                    return false;
                }
                self.workspace.set_active_text(text);
                storage::save(storage::WORKSPACE_KEY, &self.workspace);
                let link = ctx.link().clone();
                self.debounce = Some(Timeout::new(DEBOUNCE_MS, move || link.send_message(Msg::Evaluate)));
                true
            }
            Msg::Evaluate => {
                self.debounce = None;
                self.evaluate();
                true
            }
            Msg::Runner(signal) => {
                let Some(event) = self.runner.handle(signal) else { return false };
                self.on_runner_event(event);
                true
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let file = self.workspace.active_file();
        let on_input = ctx.link().callback(Msg::Edit);
        let error_pos = self.results.error.as_ref().and_then(|error| error.pos.clone());
        let error_here = error_pos.filter(|pos| pos.file == crate::protocol::playground_path(&file.name));
        html! {
            <div class="app">
                <header class="topbar">
                    <h1 class="brand">{"Nixpen"}</h1>
                    <p class="status" data-testid="status" role="status" aria-live="polite">{ self.status() }</p>
                </header>
                <main class="panes">
                    <section class="pane editor-pane" aria-label="Editor">
                        <div class="tabs" role="tablist">
                            <span class="tab active" role="tab" aria-selected="true">{ file.name.clone() }</span>
                        </div>
                        <Editor text={file.text.clone()} name={file.name.clone()} {on_input} error={error_here} />
                    </section>
                    <section class="pane output-pane" aria-label="Outputs">
                        <Outputs results={self.results.clone()} />
                    </section>
                </main>
            </div>
        }
    }
}

impl App {
    fn evaluate(&mut self) {
        self.next_id = self.next_id.wrapping_add(1);
        self.results.pending = true;
        self.runner.submit(EvalRequest {
            id: self.next_id,
            files: self.workspace.files.clone(),
            entry: self.workspace.entry.clone(),
        });
    }

    fn on_runner_event(&mut self, event: RunnerEvent) {
        match event {
            RunnerEvent::Ready => self.engine = Engine::Ready,
            RunnerEvent::Done(response) => {
                self.results.pending = self.debounce.is_some() || self.runner.is_busy();
                self.results.notice = None;
                self.results.millis = Some(response.millis);
                self.results.messages = response.messages;
                match response.result {
                    Ok(value) => {
                        self.results.value = Some(value);
                        self.results.error = None;
                    }
                    Err(error) => self.results.error = Some(error),
                }
            }
            RunnerEvent::Stopped => {
                self.engine = Engine::Restarting;
                self.results.pending = false;
                self.results.notice = Some(format!(
                    "Stopped: the evaluation ran longer than {} s (an infinite recursion or a very large value?). \
                     The evaluator was restarted; the outputs shown are from the last good evaluation.",
                    BUDGET_MS / 1000
                ));
            }
            RunnerEvent::Crashed(message) => {
                self.results.pending = false;
                self.engine = if self.runner.is_alive() { Engine::Restarting } else { Engine::Failed };
                self.results.notice = Some(format!("The evaluator stopped unexpectedly ({message}); it was restarted."));
            }
        }
    }

    fn status(&self) -> String {
        match self.engine {
            Engine::Loading => "Loading the Nix evaluator…".to_owned(),
            Engine::Restarting => "Restarting the Nix evaluator…".to_owned(),
            Engine::Failed => "The Nix evaluator could not be loaded.".to_owned(),
            Engine::Ready if self.results.pending => "Evaluating…".to_owned(),
            Engine::Ready => match self.results.millis {
                Some(ms) => format!("Evaluated in {ms:.0} ms"),
                None => "Ready".to_owned(),
            },
        }
    }
}
