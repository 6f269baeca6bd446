//! The page's entry point: replaces the static "loading" notice of
//! `index.html` with the app.

use nixpen_app::app::App;

fn main() {
    let document = web_sys::window().and_then(|window| window.document());
    let Some(root) = document.as_ref().and_then(|document| document.get_element_by_id("app")) else {
        return;
    };
    root.set_text_content(None); // the static first paint
    yew::Renderer::<App>::with_root(root).render();
}
