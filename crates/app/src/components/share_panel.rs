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
    let copy = |text: &AttrValue| {
        let text = text.to_string();
        props.on_copy.reform(move |_: MouseEvent| text.clone())
    };
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section class="share-panel" aria-label="Share">
            <label>
                {"Link to these files"}
                <span class="share-row">
                    <input type="text" readonly=true value={props.link.clone()} data-testid="share-link" />
                    <button type="button" onclick={copy(&props.link)}>{"Copy link"}</button>
                </span>
            </label>
            <label>
                {"Embed in a web page: the code stays in the page, a reader runs it"}
                <span class="share-row">
                    <textarea readonly=true rows="3" value={props.script_code.clone()} data-testid="share-script" />
                    <button type="button" onclick={copy(&props.script_code)}>{"Copy"}</button>
                </span>
            </label>
            <label>
                {"…or as an iframe, for sites without scripts"}
                <span class="share-row">
                    <input type="text" readonly=true value={props.iframe_code.clone()} data-testid="share-embed" />
                    <button type="button" onclick={copy(&props.iframe_code)}>{"Copy"}</button>
                </span>
            </label>
            <button type="button" class="share-close" onclick={on_close}>{"Close"}</button>
        </section>
    }
}
