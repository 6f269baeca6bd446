//! The source editor. A transparent `<textarea>` (so the browser's own undo,
//! selection, IME and accessibility work) lies over a `<pre>` that shows
//! the same text highlighted from rnix's tokens; a gutter, which stays put
//! when long lines scroll, shows line numbers, and the error's token is
//! underlined with its message below (its position puts the caret there).
//! The bracket at the caret and its match are marked. Keys
//! ([`crate::components::editor_keys`]): Tab indents, Enter keeps the
//! indentation and adds a step after an opening bracket or `=`, a closing
//! bracket typed on a blank line goes back to its opening line's
//! indentation; Escape then Tab leaves the editor.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{Element, HtmlTextAreaElement, KeyboardEvent, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

use crate::brackets;
use crate::components::editor_keys::{on_key, utf16_to_byte};
use crate::highlight::{highlight, offset_of};
use crate::protocol::{ErrorPos, ErrorReport};

/// Where the editor is asked to put its caret. `serial` tells two requests
/// for the same place apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caret {
    /// Increases with each request.
    pub serial: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based byte column.
    pub column: u32,
}

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
    /// Put the caret here (and scroll to it) when this changes.
    #[prop_or_default]
    pub caret: Option<Caret>,
    /// The error's position was clicked.
    #[prop_or_default]
    pub on_jump: Callback<ErrorPos>,
}

/// The editor view.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let escaped = use_mut_ref(|| false);
    let area = use_node_ref();
    let pre = use_node_ref();
    let gutter_ref = use_node_ref();
    let marked: Rc<RefCell<Vec<Element>>> = use_mut_ref(Vec::new);
    let text = props.text.as_str();
    let pos = props.error.as_ref().and_then(|error| error.pos.as_ref());
    let error_offset = pos.map(|pos| offset_of(text, pos.line, pos.column));
    let error_line = pos.map(|pos| pos.line);

    let mark = {
        let (area, pre, marked) = (area.clone(), pre.clone(), marked.clone());
        Rc::new(move || mark_brackets(&area, &pre, &marked))
    };
    {
        let mark = mark.clone();
        use_effect(move || mark());
    }
    {
        let (area, gutter_ref, text) = (area.clone(), gutter_ref.clone(), props.text.clone());
        use_effect_with(props.caret.clone(), move |caret| {
            if let Some(caret) = caret {
                place_caret(&area, &gutter_ref, &text, caret);
            }
        });
    }

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
    let on_move = {
        let mark = mark.clone();
        Callback::from(move |_: Event| mark())
    };
    let on_keyup = {
        let mark = mark.clone();
        Callback::from(move |_: KeyboardEvent| mark())
    };
    let on_mouseup = Callback::from(move |_: MouseEvent| mark());

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
                <div class="gutter" aria-hidden="true" ref={gutter_ref}>{ gutter }</div>
                <div class="code">
                    <pre class="highlight" aria-hidden="true" data-testid="highlight" ref={pre}>{ pieces }{ "\n" }</pre>
                    <textarea
                        ref={area}
                        class="editor-text"
                        data-testid="editor"
                        aria-label={format!("Source of {}", props.name)}
                        aria-describedby="editor-hint"
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap="off"
                        readonly={!props.editable}
                        value={props.text.clone()}
                        oninput={on_input}
                        onkeydown={on_keydown}
                        onkeyup={on_keyup}
                        onmouseup={on_mouseup}
                        onselect={on_move}
                    />
                </div>
            </div></div>
            if let (Some(error), Some(pos)) = (&props.error, pos) {
                <p class="editor-error" data-testid="editor-error">
                    <button type="button" class="editor-error-pos link" data-testid="editor-error-pos"
                            onclick={props.on_jump.reform({ let pos = pos.clone(); move |_: MouseEvent| pos.clone() })}
                            title="Put the caret there">
                        { format!("line {}, column {}: ", pos.line, pos.column) }
                    </button>
                    { error.message.clone() }
                </p>
            }
        </div>
    }
}

/// Marks the bracket next to the caret and its match in the highlighted
/// text (its spans are rnix's tokens, in order), unmarking the previous pair.
fn mark_brackets(area: &NodeRef, pre: &NodeRef, marked: &RefCell<Vec<Element>>) {
    for element in marked.borrow_mut().drain(..) {
        let _ = element.class_list().remove_1("bracket-match");
    }
    let (Some(area), Some(pre)) = (area.cast::<HtmlTextAreaElement>(), pre.cast::<Element>()) else { return };
    let text = area.value();
    let (Ok(Some(start)), Ok(Some(end))) = (area.selection_start(), area.selection_end()) else { return };
    if start != end {
        return;
    }
    let caret = utf16_to_byte(&text, start as usize);
    let Some((open, close)) = brackets::matching(&text, caret) else { return };
    let children = pre.children();
    for index in [open, close] {
        if let Some(element) = children.item(index as u32) {
            let _ = element.class_list().add_1("bracket-match");
            marked.borrow_mut().push(element);
        }
    }
}

/// Focuses the text, puts the caret at `caret` and scrolls its line into view.
fn place_caret(area: &NodeRef, gutter: &NodeRef, text: &str, caret: &Caret) {
    let Some(area) = area.cast::<HtmlTextAreaElement>() else { return };
    let at = offset_of(text, caret.line, caret.column);
    let utf16 = text[..at].encode_utf16().count() as u32;
    let _ = area.focus();
    let _ = area.set_selection_range(utf16, utf16);
    let line = gutter.cast::<Element>().and_then(|g| g.children().item(caret.line.saturating_sub(1)));
    if let Some(line) = line {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Center);
        options.set_inline(ScrollLogicalPosition::Nearest);
        line.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
