//! The source editor. A transparent `<textarea>` (so the browser's own undo,
//! selection, IME and accessibility work) lies over a `<pre>` that shows
//! the same text highlighted from rnix's tokens; a gutter shows line
//! numbers, and the error's token is underlined with its message below.
//! Tab indents, Enter keeps the indentation (both through the browser's
//! editing commands, so undo still works); Escape then Tab leaves the editor.

use web_sys::{HtmlDocument, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::highlight::{highlight, offset_of};
use crate::protocol::ErrorReport;

/// The indentation Tab inserts.
const INDENT: &str = "  ";

/// Properties of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The file's text.
    pub text: AttrValue,
    /// The file's name (labels the text area).
    pub name: AttrValue,
    /// Called with the whole new text after every edit.
    pub on_input: Callback<String>,
    /// The current error, when it points into this file.
    #[prop_or_default]
    pub error: Option<ErrorReport>,
    /// Whether the text can be edited.
    #[prop_or(true)]
    pub editable: bool,
}

/// The editor view.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let escaped = use_mut_ref(|| false);
    let text = props.text.as_str();
    let pos = props.error.as_ref().and_then(|error| error.pos.as_ref());
    let error_offset = pos.map(|pos| offset_of(text, pos.line, pos.column));
    let error_line = pos.map(|pos| pos.line);

    let on_input = {
        let cb = props.on_input.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            cb.emit(area.value());
        })
    };
    let on_keydown = {
        let escaped = escaped.clone();
        Callback::from(move |event: KeyboardEvent| on_key(&event, &mut escaped.borrow_mut()))
    };

    let lines = text.split('\n').count();
    let gutter: Html = (1..=lines)
        .map(|n| {
            let marked = error_line == Some(n as u32);
            html! { <span class={classes!(marked.then_some("error-line"))}>{ format!("{n}\n") }</span> }
        })
        .collect();
    let pieces: Html = highlight(text, error_offset)
        .into_iter()
        .map(|piece| {
            let class = classes!((!piece.class.is_empty()).then_some(piece.class), piece.error.then_some("tok-error"));
            html! { <span {class}>{ piece.text }</span> }
        })
        .collect();

    html! {
        <div class="editor-wrap">
            <div class="editor"><div class="editor-inner">
                <div class="gutter" aria-hidden="true">{ gutter }</div>
                <div class="code">
                    <pre class="highlight" aria-hidden="true" data-testid="highlight">{ pieces }{ "\n" }</pre>
                    <textarea
                        class="editor-text"
                        data-testid="editor"
                        aria-label={format!("Source of {}", props.name)}
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap="off"
                        readonly={!props.editable}
                        value={props.text.clone()}
                        oninput={on_input}
                        onkeydown={on_keydown}
                    />
                </div>
            </div></div>
            if let (Some(error), Some(pos)) = (&props.error, pos) {
                <p class="editor-error" data-testid="editor-error">
                    <span class="editor-error-pos">{ format!("line {}, column {}: ", pos.line, pos.column) }</span>
                    { error.message.clone() }
                </p>
            }
        </div>
    }
}

/// Tab / Shift+Tab / Enter handling. `escaped` remembers a preceding
/// Escape, after which Tab moves focus as usual.
fn on_key(event: &KeyboardEvent, escaped: &mut bool) {
    let key = event.key();
    if key == "Escape" {
        *escaped = true;
        return;
    }
    let was_escaped = std::mem::replace(escaped, false);
    if event.ctrl_key() || event.meta_key() || event.alt_key() || event.is_composing() {
        return;
    }
    let area: HtmlTextAreaElement = event.target_unchecked_into();
    match key.as_str() {
        "Tab" if !was_escaped && !event.shift_key() => {
            event.prevent_default();
            insert_text(INDENT);
        }
        "Tab" if !was_escaped => {
            event.prevent_default();
            dedent_line(&area);
        }
        "Enter" if !event.shift_key() => {
            let value = area.value();
            let caret = utf16_to_byte(&value, area.selection_start().ok().flatten().unwrap_or(0) as usize);
            let line_start = value[..caret].rfind('\n').map_or(0, |i| i + 1);
            let indent: String = value[line_start..caret].chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            if !indent.is_empty() {
                event.prevent_default();
                insert_text(&format!("\n{indent}"));
            }
        }
        _ => {}
    }
}

/// Inserts `text` at the caret as if typed (keeps the browser's undo).
fn insert_text(text: &str) {
    let document: Option<HtmlDocument> =
        web_sys::window().and_then(|w| w.document()).map(wasm_bindgen::JsCast::unchecked_into);
    if let Some(document) = document {
        let _ = document.exec_command_with_show_ui_and_value("insertText", false, text);
    }
}

/// Removes up to one indentation step from the start of the caret's line.
fn dedent_line(area: &HtmlTextAreaElement) {
    let value = area.value();
    let caret16 = area.selection_start().ok().flatten().unwrap_or(0);
    let caret = utf16_to_byte(&value, caret16 as usize);
    let line_start = value[..caret].rfind('\n').map_or(0, |i| i + 1);
    let spaces = value[line_start..].chars().take(INDENT.len()).take_while(|c| *c == ' ').count();
    if spaces == 0 {
        return;
    }
    let start16 = value[..line_start].encode_utf16().count() as u32;
    let _ = area.set_selection_range(start16, start16 + spaces as u32);
    let _ = area.focus();
    delete_selection();
    let back = caret16.saturating_sub(spaces as u32).max(start16);
    let _ = area.set_selection_range(back, back);
}

/// Converts a UTF-16 offset (what the DOM uses) into a byte offset of `text`.
fn utf16_to_byte(text: &str, utf16: usize) -> usize {
    let mut seen = 0;
    for (byte, ch) in text.char_indices() {
        if seen >= utf16 {
            return byte;
        }
        seen += ch.len_utf16();
    }
    text.len()
}

/// Deletes the selection as if by the Delete key (keeps the browser's undo).
fn delete_selection() {
    let document: Option<HtmlDocument> =
        web_sys::window().and_then(|w| w.document()).map(wasm_bindgen::JsCast::unchecked_into);
    if let Some(document) = document {
        let _ = document.exec_command_with_show_ui_and_value("delete", false, "");
    }
}
