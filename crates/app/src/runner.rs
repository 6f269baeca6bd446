//! The page side of evaluation: owns the web worker, sends it one request at
//! a time (the newest edit wins; `config` tree requests wait for it),
//! enforces the time budget and replaces a worker that overran or crashed
//! with a fresh one.

use std::collections::VecDeque;

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

use crate::protocol::{
    EvalRequest, EvalResponse, OptionsResponse, PageMessage, TreeRequest, TreeResponse, WorkerMessage,
};

/// The longest an evaluation may run before its worker is terminated.
pub const BUDGET_MS: u32 = 2_000;

/// The worker's loader script (`web/worker-loader.js`). The worker runs the
/// page's own wasm: the loader imports the page's glue (its URL is the
/// worker's name) and instantiates the compiled module the page posts first,
/// so nothing is fetched or compiled twice.
const WORKER_URL: &str = "./worker-loader.js";

/// What the runner reports to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum RunnerEvent {
    /// A (fresh) worker finished loading.
    Ready,
    /// An evaluation finished (boxed: the other events are small).
    Done(Box<EvalResponse>),
    /// The options form's options of a finished evaluation.
    Options(OptionsResponse),
    /// One level of the `config` tree.
    Tree(TreeResponse),
    /// The worker mounted the extra nixpkgs files: evaluate again.
    ExtrasLoaded,
    /// The running evaluation overran [`BUDGET_MS`]; its worker was replaced.
    Stopped,
    /// The worker crashed (or failed to load); it was replaced.
    Crashed(String),
}

/// Internal notifications, routed back through the page's callback so the
/// runner itself stays free of shared mutable state.
#[derive(Clone, Debug, PartialEq)]
pub enum RunnerSignal {
    /// A message (or an error) from the worker with generation `generation`.
    Worker { generation: u32, event: RunnerEvent },
    /// The budget timer of request `id` fired.
    Budget { id: u32 },
}

/// Owns the worker. The page forwards every [`RunnerSignal`] to
/// [`Runner::handle`], which turns it into at most one [`RunnerEvent`].
pub struct Runner {
    signal: Callback<RunnerSignal>,
    worker: Option<LiveWorker>,
    generation: u32,
    ready: bool,
    running: Option<(u32, Timeout)>,
    queued: Option<EvalRequest>,
    trees: VecDeque<TreeRequest>,
    /// Whether this worker was asked for the files real configurations need.
    extras_asked: bool,
}

struct LiveWorker {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl Drop for LiveWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

impl Runner {
    /// Starts a worker; `signal` must route back to [`Runner::handle`].
    pub fn new(signal: Callback<RunnerSignal>) -> Runner {
        let mut runner = Runner {
            signal,
            worker: None,
            generation: 0,
            ready: false,
            running: None,
            queued: None,
            trees: VecDeque::new(),
            extras_asked: false,
        };
        runner.spawn();
        runner
    }

    /// Whether a worker is loaded and idle or busy (not still loading).
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// Whether a worker exists (loading or loaded); false after it failed to load.
    pub fn is_alive(&self) -> bool {
        self.worker.is_some()
    }

    /// Whether an evaluation is under way.
    pub fn is_busy(&self) -> bool {
        self.running.is_some()
    }

    /// Asks for an evaluation; replaces any request still waiting its turn.
    pub fn submit(&mut self, request: EvalRequest) {
        self.queued = Some(request);
        self.pump();
    }

    /// Asks for one level of the `config` tree, after any evaluation.
    pub fn submit_tree(&mut self, request: TreeRequest) {
        self.trees.push_back(request);
        self.pump();
    }

    /// Processes a signal; returns what the page should learn from it.
    pub fn handle(&mut self, signal: RunnerSignal) -> Option<RunnerEvent> {
        match signal {
            RunnerSignal::Worker { generation, .. } if generation != self.generation => None,
            RunnerSignal::Worker { event: RunnerEvent::Ready, .. } => {
                self.ready = true;
                self.pump();
                Some(RunnerEvent::Ready)
            }
            RunnerSignal::Worker { event: RunnerEvent::Done(response), .. } => {
                if self.running.as_ref().map(|(id, _)| *id) != Some(response.id) {
                    return None;
                }
                self.running = None;
                self.ask_for_extras();
                self.pump();
                Some(RunnerEvent::Done(response))
            }
            RunnerSignal::Worker { event: RunnerEvent::Options(options), .. } => Some(RunnerEvent::Options(options)),
            RunnerSignal::Worker { event: RunnerEvent::ExtrasLoaded, .. } => Some(RunnerEvent::ExtrasLoaded),
            RunnerSignal::Worker { event: RunnerEvent::Tree(response), .. } => {
                if self.running.as_ref().map(|(id, _)| *id) != Some(response.id) {
                    return None;
                }
                self.running = None;
                self.pump();
                Some(RunnerEvent::Tree(response))
            }
            RunnerSignal::Worker { event, .. } => {
                // A crash: start over with a fresh worker, unless this one
                // never loaded (then a fresh one would fail the same way).
                self.running = None;
                if self.ready {
                    self.spawn();
                } else {
                    self.worker = None;
                }
                Some(event)
            }
            RunnerSignal::Budget { id } => {
                if self.running.as_ref().map(|(running, _)| *running) != Some(id) {
                    return None;
                }
                self.running = None;
                self.spawn();
                Some(RunnerEvent::Stopped)
            }
        }
    }

    fn pump(&mut self) {
        if !self.ready || self.running.is_some() {
            return;
        }
        let Some(live) = &self.worker else { return };
        let message = if let Some(request) = self.queued.take() {
            PageMessage::Eval(request)
        } else if let Some(request) = self.trees.pop_front() {
            PageMessage::Tree(request)
        } else {
            return;
        };
        let id = message.id();
        let Ok(value) = serde_wasm_bindgen::to_value(&message) else { return };
        if live.worker.post_message(&value).is_err() {
            return;
        }
        let signal = self.signal.clone();
        let timer = Timeout::new(BUDGET_MS, move || signal.emit(RunnerSignal::Budget { id }));
        self.running = Some((id, timer));
    }

    /// Once a worker has answered, asks it for the nixpkgs files real
    /// configurations need: they load after the first outputs, not
    /// before (`PageMessage::LoadExtras`).
    fn ask_for_extras(&mut self) {
        let Some(live) = &self.worker else { return };
        if self.extras_asked {
            return;
        }
        if let Ok(value) = serde_wasm_bindgen::to_value(&PageMessage::LoadExtras) {
            self.extras_asked = live.worker.post_message(&value).is_ok();
        }
    }

    fn spawn(&mut self) {
        self.worker = None; // terminates the old one
        self.ready = false;
        self.extras_asked = false;
        self.generation = self.generation.wrapping_add(1);
        let generation = self.generation;
        let worker = match start_worker() {
            Some(worker) => worker,
            None => {
                self.signal.emit(RunnerSignal::Worker {
                    generation,
                    event: RunnerEvent::Crashed("this browser could not start a web worker".into()),
                });
                return;
            }
        };
        let signal = self.signal.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let event = match serde_wasm_bindgen::from_value::<WorkerMessage>(event.data()) {
                Ok(WorkerMessage::Ready) => RunnerEvent::Ready,
                Ok(WorkerMessage::ExtrasLoaded) => RunnerEvent::ExtrasLoaded,
                Ok(WorkerMessage::Done(response)) => RunnerEvent::Done(response),
                Ok(WorkerMessage::Options(options)) => RunnerEvent::Options(options),
                Ok(WorkerMessage::Tree(response)) => RunnerEvent::Tree(response),
                // Nothing sends check requests yet (the lesson panel will).
                Ok(WorkerMessage::Checked(_)) | Err(_) => return,
            };
            signal.emit(RunnerSignal::Worker { generation, event });
        });
        let signal = self.signal.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            let message = event.message();
            signal.emit(RunnerSignal::Worker { generation, event: RunnerEvent::Crashed(message) });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.worker = Some(LiveWorker { worker, _on_message: on_message, _on_error: on_error });
    }
}

/// A module worker running [`WORKER_URL`], named with the absolute URL of
/// the page's glue script (`web/boot.js` reads it from the same tag) and sent
/// the page's compiled wasm module.
fn start_worker() -> Option<Worker> {
    let window = web_sys::window()?;
    let tag = window.document()?.query_selector("script[data-js]").ok()??;
    let glue = web_sys::Url::new_with_base(&tag.get_attribute("data-js")?, &window.location().href().ok()?).ok()?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    options.set_name(&glue.href());
    let worker = Worker::new_with_options(WORKER_URL, &options).ok()?;
    worker.post_message(&wasm_bindgen::module()).ok()?;
    Some(worker)
}
