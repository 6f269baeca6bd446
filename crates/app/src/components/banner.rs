//! The line under the top bar: a welcome with "Start the tutorial" on a
//! first visit, or a note about the workspace (an example was loaded, a
//! link opened), with "Restore my previous files" when they were replaced.
//! It can be dismissed.

use yew::prelude::*;

/// What the banner says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Banner {
    /// First visit: what Nixpen is, and where to start.
    Welcome,
    /// A note.
    Note(String),
    /// A note about files that replaced the user's, which can be restored.
    Restorable(String),
}

/// Properties of [`BannerView`].
#[derive(Properties, PartialEq)]
pub struct BannerProps {
    /// What to say.
    pub banner: Banner,
    /// "Restore my previous files" was pressed.
    pub on_restore: Callback<()>,
    /// "Start the tutorial" was pressed.
    pub on_tutorial: Callback<()>,
    /// The banner was dismissed.
    pub on_dismiss: Callback<()>,
}

/// The banner (a plain function: it holds no state).
pub fn banner_view(props: &BannerProps) -> Html {
    let body = match &props.banner {
        Banner::Welcome => html! {
            <>
                <span class="banner-text">{"Write a NixOS module or a flake; see the units, files and ports NixOS would make. "}</span>
                <button type="button" class="primary" data-testid="start-tutorial"
                        onclick={props.on_tutorial.reform(|_: MouseEvent| ())}>{"Start the tutorial"}</button>
            </>
        },
        Banner::Note(text) => html! { <span class="banner-text">{ text.clone() }</span> },
        Banner::Restorable(text) => html! {
            <>
                <span class="banner-text">{ text.clone() }</span>
                <button type="button" data-testid="restore" onclick={props.on_restore.reform(|_: MouseEvent| ())}>
                    {"Restore my previous files"}
                </button>
            </>
        },
    };
    html! {
        <p class="banner" data-testid="banner" role="status">
            { body }
            <button type="button" class="banner-close" aria-label="Dismiss" title="Dismiss"
                    onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>{"×"}</button>
        </p>
    }
}
