//! The entry point of the one wasm binary: in the page it replaces the
//! static "loading" notice of `index.html` with the app; in the evaluation
//! worker (no `window`, started by `web/worker-loader.js`) it runs the worker.

use nixpen_app::app::App;

/// Chunks for what the worker's evaluations allocate, the standard
/// allocator for the rest (see `nixpen_alloc`).
#[global_allocator]
static ALLOCATOR: nixpen_alloc::NixpenAlloc = nixpen_alloc::NixpenAlloc;

fn main() {
    let Some(window) = web_sys::window() else {
        nixpen_app::worker::run();
        return;
    };
    let document = window.document();
    let Some(root) = document.as_ref().and_then(|document| document.get_element_by_id("app")) else {
        return;
    };
    root.set_text_content(None); // the static first paint
    yew::Renderer::<App>::with_root(root).render();
}
