//! The worker side: receives [`PageMessage`]s: evaluation requests, evaluates them with one
//! long-lived [`Engine`] (so its parse cache survives between edits) and
//! posts back [`WorkerMessage::Done`], then (unless a newer request came
//! in meanwhile) [`WorkerMessage::Options`];
//! answers [`TreeRequest`]s about the last evaluated configuration, and
//! lesson [`CheckRequest`](crate::protocol::CheckRequest)s on its files with
//! [`WorkerMessage::Checked`].
//!
//! [`PageMessage`]: crate::protocol::PageMessage

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::engine::Engine;
use crate::protocol::{
    CheckRequest, CheckResponse, OptionsResponse, PageMessage, TreeRequest, TreeResponse, WorkerMessage,
};

/// Installs the message handler on the worker's global scope and tells the
/// page that the worker is ready. Called once by the worker binary.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let engine = Rc::new(RefCell::new(Engine::new()));
    // The request whose options are still to be read, and its timer.
    let pending: Rc<Cell<Option<(u32, i32)>>> = Rc::new(Cell::new(None));
    let read_options = {
        let (engine, pending, scope) = (engine.clone(), pending.clone(), scope.clone());
        Closure::<dyn FnMut()>::new(move || {
            if let Some((id, _)) = pending.take() {
                let options = engine.borrow_mut().options();
                let own = engine.borrow_mut().own();
                post(&scope, &WorkerMessage::Options(OptionsResponse { id, options, own }));
                engine.borrow_mut().release_heap();
            }
        })
    };
    let read_options_fn: js_sys::Function = read_options.as_ref().unchecked_ref::<js_sys::Function>().clone();
    read_options.forget(); // lives as long as the worker
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // Anything that is not one of the page's messages is not ours.
        let request = match serde_wasm_bindgen::from_value(event.data()) {
            Ok(PageMessage::Eval(request)) => request,
            Ok(PageMessage::Tree(TreeRequest { id, path })) => {
                let result = engine.borrow_mut().tree(&path);
                post(&reply_scope, &WorkerMessage::Tree(TreeResponse { id, path, result }));
                engine.borrow_mut().release_heap();
                return;
            }
            Ok(PageMessage::LoadExtras) => {
                load_extras_once();
                return;
            }
            Ok(PageMessage::Extras(files)) => {
                engine.borrow_mut().add_extras(&files);
                post(&reply_scope, &WorkerMessage::ExtrasLoaded);
                return;
            }
            Ok(PageMessage::Check(CheckRequest { id, step_json })) => {
                let verdicts_json = engine.borrow_mut().check(&step_json);
                post(&reply_scope, &WorkerMessage::Checked(CheckResponse { id, verdicts_json }));
                engine.borrow_mut().release_heap();
                return;
            }
            Err(_) => return,
        };
        // A newer request makes the options of the previous one moot: its
        // own answer is followed by its own options.
        if let Some((_, timer)) = pending.take() {
            reply_scope.clear_timeout_with_handle(timer);
        }
        let response = engine.borrow_mut().eval(&request);
        post(&reply_scope, &WorkerMessage::Done(Box::new(response)));
        engine.borrow_mut().release_heap();
        // The options form's data is read after a turn of the event loop,
        // so that a request which came in meanwhile (the next keystroke) is
        // answered first instead of waiting behind it.
        if let Ok(timer) = reply_scope.set_timeout_with_callback_and_timeout_and_arguments_0(&read_options_fn, 0) {
            pending.set(Some((request.id, timer)));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget(); // lives as long as the worker
    post(&scope, &WorkerMessage::Ready);
}

/// Asks `web/worker-loader.js` (its `nixpenLoadExtras`), once, for the
/// nixpkgs files real configurations need; they come back as
/// [`PageMessage::Extras`]. The page asks for this after its first answer.
fn load_extras_once() {
    thread_local!(static ASKED: Cell<bool> = const { Cell::new(false) });
    if ASKED.with(|asked| asked.replace(true)) {
        return;
    }
    let global = js_sys::global();
    if let Ok(load) = js_sys::Reflect::get(&global, &"nixpenLoadExtras".into()) {
        if let Some(load) = load.dyn_ref::<js_sys::Function>() {
            let _ = load.call0(&global);
        }
    }
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &WorkerMessage) {
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        let _ = scope.post_message(&value);
    }
}
