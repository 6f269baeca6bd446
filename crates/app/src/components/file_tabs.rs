//! The editor's file tabs: pick a file, add one, remove one.

use yew::prelude::*;

/// Properties of [`FileTabs`].
#[derive(Properties, PartialEq)]
pub struct FileTabsProps {
    /// File names, in order.
    pub names: Vec<AttrValue>,
    /// Index of the open file.
    pub active: usize,
    /// Name of the file that is evaluated.
    pub entry: AttrValue,
    /// A tab was picked.
    pub on_select: Callback<usize>,
    /// "New file" was pressed.
    pub on_add: Callback<()>,
    /// The remove button of a tab was pressed.
    pub on_remove: Callback<usize>,
}

/// The file tab strip.
#[function_component(FileTabs)]
pub fn file_tabs(props: &FileTabsProps) -> Html {
    let removable = props.names.len() > 1;
    let tabs = props.names.iter().enumerate().map(|(i, name)| {
        let selected = i == props.active;
        let on_select = props.on_select.reform(move |_: MouseEvent| i);
        let on_remove = props.on_remove.reform(move |_: MouseEvent| i);
        let is_entry = *name == props.entry;
        html! {
            <span class={classes!("tab-item", selected.then_some("active"))}>
                <button type="button" class="tab" role="tab" aria-selected={selected.to_string()}
                        data-testid="file-tab" onclick={on_select}
                        title={if is_entry { "This file is evaluated" } else { "" }}>
                    { name.clone() }
                    if is_entry { <span class="entry-mark" aria-label="(evaluated)">{" ●"}</span> }
                </button>
                if removable {
                    <button type="button" class="tab-remove" aria-label={format!("Remove {name}")}
                            onclick={on_remove}>{"×"}</button>
                }
            </span>
        }
    });
    let on_add = props.on_add.reform(|_: MouseEvent| ());
    html! {
        <div class="tabs" role="tablist" aria-label="Files">
            { for tabs }
            <button type="button" class="tab tab-add" data-testid="add-file" onclick={on_add}
                    aria-label="New file" title="New file">{"+"}</button>
        </div>
    }
}
