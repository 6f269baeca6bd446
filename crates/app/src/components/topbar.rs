//! The bar above the panes, one row: name and tagline, examples menu,
//! share, theme, status. In the embed view only the name (a link to the
//! full playground) and the status remain. The examples menu shows the
//! example the files come from, and loads one only when it is picked with
//! Enter or a click: arrow keys on the closed menu do nothing (a browser's
//! closed `<select>` would otherwise load each example it passes).

use web_sys::{HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use crate::examples::{self, EXAMPLES};
use crate::theme::Theme;

/// Properties of [`TopBar`].
#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    /// The status line's text.
    pub status: AttrValue,
    /// Whether an evaluation is under way (the status shows it).
    #[prop_or_default]
    pub busy: bool,
    /// Whether the latest evaluation failed (the status shows it).
    #[prop_or_default]
    pub error: bool,
    /// Whether this is the embed view.
    pub embed: bool,
    /// In the embed view: the link that opens the same files in the full playground.
    #[prop_or_default]
    pub open_link: AttrValue,
    /// The current theme choice.
    pub theme: Theme,
    /// The example the files come from.
    #[prop_or_default]
    pub example: Option<AttrValue>,
    /// Whether they were changed since.
    #[prop_or_default]
    pub edited: bool,
    /// An example was picked (its id).
    pub on_example: Callback<String>,
    /// The share button was pressed.
    pub on_share: Callback<()>,
    /// The theme toggle was pressed.
    pub on_theme: Callback<()>,
    /// The examples menu: whoever shows the bar sets its value after each
    /// render to the current example ([`menu_value`]), since an option's
    /// `selected` no longer counts once the user has picked in the menu.
    pub menu: NodeRef,
}

/// The value the examples menu shows: the example the files come from,
/// or "" (its placeholder) once they were edited.
pub fn menu_value(example: Option<&str>, edited: bool) -> &str {
    example.filter(|_| !edited).unwrap_or_default()
}

/// The top bar (a plain function: it holds no state).
pub fn top_bar(props: &TopBarProps) -> Html {
    let state = if props.error {
        "error"
    } else if props.busy {
        "busy"
    } else {
        "ok"
    };
    let status = html! {
        <p class="status" data-testid="status" data-state={state} role="status" aria-live="polite"
           title={props.status.clone()}>{ props.status.clone() }</p>
    };
    let chosen = props.example.as_deref().and_then(examples::find);
    let current = chosen.filter(|_| !props.edited).map(|e| e.id);
    if props.embed {
        return html! {
            <header class="topbar embed">
                <a class="brand" href={props.open_link.clone()} target="_blank" rel="noopener"
                   data-testid="open-full">{"Open in Nixpen ↗"}</a>
                <span class="spacer"></span>
                { status }
            </header>
        };
    }
    let on_example = {
        let cb = props.on_example.clone();
        Callback::from(move |event: Event| {
            let id = event.target_unchecked_into::<HtmlSelectElement>().value();
            if !id.is_empty() {
                cb.emit(id);
            }
        })
    };
    let placeholder = match chosen {
        Some(example) if props.edited => format!("{} (edited)", example.title),
        _ => "Examples…".to_owned(),
    };
    html! {
        <header class="topbar">
            <h1 class="brand">{"Nixpen"}</h1>
            <span class="tagline">{"NixOS modules, evaluated in your browser"}</span>
            <label class="examples">
                <span class="visually-hidden">{"Load an example"}</span>
                <select data-testid="examples" ref={props.menu.clone()} onchange={on_example} onkeydown={Callback::from(closed_menu_keys)}>
                    <option value="" selected={current.is_none()} hidden=true>{ placeholder }</option>
                    { for EXAMPLES.iter().map(|example| html! {
                        <option value={example.id} title={example.explanation} selected={current == Some(example.id)}>
                            { example.title }
                        </option>
                    }) }
                </select>
            </label>
            <button type="button" data-testid="share" onclick={props.on_share.reform(|_: MouseEvent| ())}>{"Share"}</button>
            <span class="spacer"></span>
            { status }
            <button type="button" class="theme-toggle" data-testid="theme" onclick={props.on_theme.reform(|_: MouseEvent| ())}
                    title="Switch between system, light and dark themes" aria-label={props.theme.label()}>
                <span aria-hidden="true">{"◐ "}</span><span class="theme-word">{ props.theme.label() }</span>
            </button>
        </header>
    }
}

/// Keys that would change a closed `<select>`'s value (arrows, Home, End,
/// Page Up/Down, type-ahead letters) are kept from it: the menu opens with
/// Space, Enter or Alt+Down, and an example loads when picked there.
fn closed_menu_keys(event: KeyboardEvent) {
    let key = event.key();
    let moves = matches!(
        key.as_str(),
        "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp" | "PageDown"
    ) || key.chars().count() == 1 && key != " ";
    if moves && !event.alt_key() && !event.ctrl_key() && !event.meta_key() {
        event.prevent_default();
    }
}
