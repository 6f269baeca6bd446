//! The bar above the panes: name, examples menu, share, theme, status. In
//! the embed view only the name (a link to the full playground) and the
//! status remain.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::examples::EXAMPLES;
use crate::theme::Theme;

/// Properties of [`TopBar`].
#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    /// The status line's text.
    pub status: AttrValue,
    /// Whether this is the embed view.
    pub embed: bool,
    /// In the embed view: the link that opens the same files in the full playground.
    #[prop_or_default]
    pub open_link: AttrValue,
    /// The current theme choice.
    pub theme: Theme,
    /// An example was picked (its id).
    pub on_example: Callback<String>,
    /// The share button was pressed.
    pub on_share: Callback<()>,
    /// The theme toggle was pressed.
    pub on_theme: Callback<()>,
}

/// The top bar.
#[function_component(TopBar)]
pub fn top_bar(props: &TopBarProps) -> Html {
    let status = html! {
        <p class="status" data-testid="status" role="status" aria-live="polite">{ props.status.clone() }</p>
    };
    if props.embed {
        return html! {
            <header class="topbar embed">
                <a class="brand" href={props.open_link.clone()} target="_blank" rel="noopener"
                   data-testid="open-full">{"Nixpen ↗"}</a>
                <span class="spacer"></span>
                { status }
            </header>
        };
    }
    let on_example = {
        let cb = props.on_example.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let id = select.value();
            select.set_value("");
            if !id.is_empty() {
                cb.emit(id);
            }
        })
    };
    let on_share = props.on_share.reform(|_: MouseEvent| ());
    let on_theme = props.on_theme.reform(|_: MouseEvent| ());
    html! {
        <header class="topbar">
            <h1 class="brand">{"Nixpen"}</h1>
            <label class="examples">
                <span class="visually-hidden">{"Load an example"}</span>
                <select data-testid="examples" onchange={on_example}>
                    <option value="" selected=true>{"Examples…"}</option>
                    { for EXAMPLES.iter().map(|example| html! {
                        <option value={example.id} title={example.explanation}>{ example.title }</option>
                    }) }
                </select>
            </label>
            <button type="button" data-testid="share" onclick={on_share}>{"Share"}</button>
            <span class="spacer"></span>
            { status }
            <button type="button" class="theme-toggle" data-testid="theme" onclick={on_theme}
                    title="Switch between system, light and dark themes">{ props.theme.label() }</button>
        </header>
    }
}
