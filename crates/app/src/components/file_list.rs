//! A list of named texts (unit files, `/etc` files): the names as buttons,
//! then the chosen one's text with a copy button.

use std::collections::BTreeMap;

use nixpen_nixos::Rendered;
use yew::prelude::*;

use crate::protocol::Outputs;
use crate::shared::Shared;

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
}

/// Properties of [`FileList`].
#[derive(Properties, PartialEq)]
pub struct FileListProps {
    /// The outputs holding the rendered system.
    pub outputs: Shared<Outputs>,
    /// Which of its files to list.
    pub listing: Listing,
    /// Shown when `files` is empty.
    pub empty: AttrValue,
    /// A prefix shown before each name (such as `/etc/`).
    #[prop_or_default]
    pub prefix: AttrValue,
    /// Names the list for assistive technology and tests.
    pub label: AttrValue,
    /// Copy this text to the clipboard.
    pub on_copy: Callback<String>,
}

/// The list view.
#[function_component(FileList)]
pub fn file_list(props: &FileListProps) -> Html {
    let chosen = use_state(|| None::<String>);
    let files = props.outputs.system.as_ref().map(|system| props.listing.files(&system.rendered));
    let Some((files, first)) = files.and_then(|files| Some((files, files.iter().next()?))) else {
        return html! { <p class="empty">{ props.empty.clone() }</p> };
    };
    let current = (*chosen).as_ref().and_then(|name| files.get_key_value(name)).unwrap_or(first);
    let items = files.keys().map(|name| {
        let selected = name == current.0;
        let chosen = chosen.clone();
        let pick = name.clone();
        html! {
            <li>
                <button type="button" class={classes!("file-item", selected.then_some("selected"))}
                        aria-pressed={selected.to_string()} onclick={move |_| chosen.set(Some(pick.clone()))}>
                    { format!("{}{}", props.prefix, name) }
                </button>
            </li>
        }
    });
    let text = current.1.clone();
    let on_copy = props.on_copy.reform(move |_: MouseEvent| text.clone());
    html! {
        <div class="file-list" data-testid={props.label.clone()}>
            <ul class="file-names" aria-label={props.label.clone()}>{ for items }</ul>
            <div class="file-body">
                <div class="output-actions">
                    <button type="button" class="copy" onclick={on_copy}>{"Copy"}</button>
                </div>
                <h3 class="file-title">{ format!("{}{}", props.prefix, current.0) }</h3>
                <pre class="file-text">{ current.1.clone() }</pre>
            </div>
        </div>
    }
}
