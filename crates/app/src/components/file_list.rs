//! A list of named texts (unit files, `/etc` files): the names as buttons,
//! the user's own first and marked, NixOS's own after them under a fold;
//! then the chosen one's text (store paths shortened unless asked for in
//! full) with a copy button.

use std::collections::BTreeMap;

use nixpen_nixos::Rendered;
use yew::prelude::*;

use crate::protocol::{Outputs, Own};
use crate::shared::Shared;
use crate::store_paths::shorten;

/// Which files of a rendered system a [`FileList`] shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// The systemd units.
    Units,
    /// The files under `/etc`.
    Etc,
}

impl Listing {
    /// The (name, text) map this listing shows, sorted by name.
    pub fn files(self, rendered: &Rendered) -> &BTreeMap<String, String> {
        match self {
            Listing::Units => &rendered.units,
            Listing::Etc => &rendered.etc,
        }
    }

    /// Whether file `name` is one the user's modules define or change.
    pub fn is_own(self, own: &Own, name: &str) -> bool {
        match self {
            Listing::Units => own.has_unit(name),
            Listing::Etc => own.etc.iter().any(|file| file == name),
        }
    }
}

/// Properties of [`FileList`].
#[derive(Properties, PartialEq)]
pub struct FileListProps {
    /// The outputs holding the rendered system.
    pub outputs: Shared<Outputs>,
    /// What the user's modules define among them.
    pub own: Shared<Own>,
    /// Which of its files to list.
    pub listing: Listing,
    /// Shown when `files` is empty.
    pub empty: AttrValue,
    /// A prefix shown before each name (such as `/etc/`).
    #[prop_or_default]
    pub prefix: AttrValue,
    /// Names the list for assistive technology and tests.
    pub label: AttrValue,
    /// The file chosen, if any (else the user's first, else the first).
    #[prop_or_default]
    pub selected: Option<String>,
    /// A file was chosen.
    pub on_select: Callback<String>,
    /// Whether store paths are shown in full.
    #[prop_or_default]
    pub full_paths: bool,
    /// Copy this text to the clipboard.
    pub on_copy: Callback<String>,
}

/// The list view (a plain function: it holds no state).
pub fn file_list(props: &FileListProps) -> Html {
    let Some(system) = props.outputs.system.as_ref() else {
        return html! { <p class="empty">{ props.empty.clone() }</p> };
    };
    let files = props.listing.files(&system.rendered);
    let (own, stock): (Vec<_>, Vec<_>) = files.iter().partition(|(name, _)| props.listing.is_own(&props.own, name));
    let Some(&default) = own.first().or(stock.first()) else {
        return html! { <p class="empty">{ props.empty.clone() }</p> };
    };
    let current = props.selected.as_ref().and_then(|name| files.get_key_value(name)).unwrap_or(default);
    let item = |(name, _): &(&String, &String), mine: bool| {
        let selected = *name == current.0;
        let pick = (*name).clone();
        html! {
            <li>
                <button type="button" class={classes!("file-item", selected.then_some("selected"), mine.then_some("own"))}
                        aria-pressed={selected.to_string()} onclick={props.on_select.reform(move |_: MouseEvent| pick.clone())}>
                    { format!("{}{}", props.prefix, name) }
                </button>
            </li>
        }
    };
    let stock_open = stock.iter().any(|(name, _)| *name == current.0) || own.is_empty();
    let text = current.1.clone();
    let on_copy = props.on_copy.reform(move |_: MouseEvent| text.clone());
    let shown = if props.full_paths { current.1.clone() } else { shorten(current.1).into_owned() };
    html! {
        <div class="file-list" data-testid={props.label.clone()}>
            <div class="file-names">
                if !own.is_empty() {
                    <p class="group-label">{"Defined by your configuration"}</p>
                    <ul class="own-files" aria-label={format!("{} of your configuration", props.label)}>
                        { for own.iter().map(|file| item(file, true)) }
                    </ul>
                }
                if !stock.is_empty() {
                    <details class="stock-files" open={stock_open}>
                        <summary>{ format!("NixOS's own ({})", stock.len()) }</summary>
                        <ul aria-label={format!("NixOS's own {}", props.label)}>{ for stock.iter().map(|file| item(file, false)) }</ul>
                    </details>
                }
            </div>
            <div class="file-body">
                <div class="output-actions">
                    <button type="button" class="copy" onclick={on_copy}>{"Copy"}</button>
                </div>
                <h3 class="file-title">{ format!("{}{}", props.prefix, current.0) }</h3>
                <pre class="file-text">{ shown }</pre>
            </div>
        </div>
    }
}
