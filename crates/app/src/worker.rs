//! The worker side: receives [`EvalRequest`]s, evaluates them with one
//! long-lived [`Engine`] (so its parse cache survives between edits) and
//! posts back [`WorkerMessage::Done`], then [`WorkerMessage::Options`];
//! answers [`TreeRequest`]s about the last evaluated configuration.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::engine::Engine;
use crate::protocol::{EvalRequest, OptionsResponse, TreeRequest, TreeResponse, WorkerMessage};

/// Installs the message handler on the worker's global scope and tells the
/// page that the worker is ready. Called once by the worker binary.
pub fn run() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let engine = RefCell::new(Engine::new());
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // The page sends evaluation requests and `config` tree requests
        // (told apart by their fields); anything else is not ours.
        let request: EvalRequest = match serde_wasm_bindgen::from_value(event.data()) {
            Ok(request) => request,
            Err(_) => {
                if let Ok(TreeRequest { id, path }) = serde_wasm_bindgen::from_value(event.data()) {
                    let result = engine.borrow_mut().tree(&path);
                    post(&reply_scope, &WorkerMessage::Tree(TreeResponse { id, path, result }));
                    engine.borrow_mut().release_heap();
                }
                return;
            }
        };
        let response = engine.borrow_mut().eval(&request);
        post(&reply_scope, &WorkerMessage::Done(response));
        engine.borrow_mut().release_heap();
        let options = engine.borrow_mut().options();
        post(&reply_scope, &WorkerMessage::Options(OptionsResponse { id: request.id, options }));
        engine.borrow_mut().release_heap();
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget(); // lives as long as the worker
    post(&scope, &WorkerMessage::Ready);
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &WorkerMessage) {
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        let _ = scope.post_message(&value);
    }
}
