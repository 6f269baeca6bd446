//! The source editor: a plain `<textarea>` (so the browser's own undo,
//! selection and accessibility work) with the error position shown below.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::protocol::ErrorPos;

/// Properties of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The file's text.
    pub text: AttrValue,
    /// The file's name (labels the text area).
    pub name: AttrValue,
    /// Called with the whole new text after every edit.
    pub on_input: Callback<String>,
    /// The position of the current error, when it is in this file.
    #[prop_or_default]
    pub error: Option<ErrorPos>,
}

/// The editor view.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let on_input = {
        let cb = props.on_input.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            cb.emit(area.value());
        })
    };
    html! {
        <div class="editor">
            <textarea
                class="editor-text"
                data-testid="editor"
                aria-label={format!("Source of {}", props.name)}
                spellcheck="false"
                autocapitalize="off"
                autocomplete="off"
                value={props.text.clone()}
                oninput={on_input}
            />
        </div>
    }
}
