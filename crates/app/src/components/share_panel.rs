//! The share panel: the link that carries every file, and the code that
//! embeds them in a web page (`embed.js` with `<pre data-nixpen>` blocks,
//! or an `<iframe>`), each with a copy button.

use yew::prelude::*;

/// Properties of [`SharePanel`].
#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The share link.
    pub link: AttrValue,
    /// The `<script>` and `<pre data-nixpen>` code.
    pub script_code: AttrValue,
    /// The `<iframe>` code.
    pub iframe_code: AttrValue,
    /// Copy this text to the clipboard.
    pub on_copy: Callback<String>,
    /// Close the panel.
    pub on_close: Callback<()>,
}

/// The share panel.
pub fn share_panel(props: &SharePanelProps) -> Html {
    // One row per text (the same markup three times, built once).
    let row = |label: &'static str, text: &AttrValue, id: &'static str, rows: &'static str| {
        let copied = text.to_string();
        html! {
            <label>
                { label }
                <span class="share-row">
                    <textarea readonly=true {rows} wrap="off" value={text.clone()} data-testid={id} />
                    <button type="button" onclick={props.on_copy.reform(move |_: MouseEvent| copied.clone())}>{"Copy"}</button>
                </span>
            </label>
        }
    };
    html! {
        <section class="share-panel" aria-label="Share">
            { row("Link to these files", &props.link, "share-link", "1") }
            { row("Embed in a web page: the code stays in the page, a reader runs it", &props.script_code, "share-script", "3") }
            { row("…or as an iframe, for sites without scripts", &props.iframe_code, "share-embed", "1") }
            <button type="button" class="share-close" onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Close"}</button>
        </section>
    }
}
