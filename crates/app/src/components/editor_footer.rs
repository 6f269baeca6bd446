//! The line under the editor: how the evaluated file is read (as its text
//! says, or as the user chose), and how to leave the editor by keyboard.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use nixpen_nixos::SourceKind;

/// Properties of [`EditorFooter`].
#[derive(Properties, PartialEq)]
pub struct EditorFooterProps {
    /// The evaluated file's name.
    pub entry: AttrValue,
    /// What its text holds, once the worker has said.
    pub detected: Option<SourceKind>,
    /// What the user chose, if anything.
    pub chosen: Option<SourceKind>,
    /// A choice was made (`None`: as the text says).
    pub on_kind: Callback<Option<SourceKind>>,
}

const KINDS: [SourceKind; 3] = [SourceKind::Configuration, SourceKind::Flake, SourceKind::Expression];

/// The editor's footer (a plain function: it holds no state).
pub fn editor_footer(props: &EditorFooterProps) -> Html {
    let onchange = props.on_kind.reform(|event: Event| {
        let value = event.target_unchecked_into::<HtmlSelectElement>().value();
        KINDS.into_iter().find(|kind| kind.describe() == value)
    });
    let auto = match props.detected {
        Some(kind) => format!("{} (detected)", kind.describe()),
        None => "as its text says".to_owned(),
    };
    html! {
        <div class="editor-footer">
            <label class="kind">
                <code>{ props.entry.clone() }</code>{" is evaluated as "}
                <select data-testid="kind" {onchange}>
                    <option value="" selected={props.chosen.is_none()}>{ auto }</option>
                    { for KINDS.iter().map(|kind| html! {
                        <option value={kind.describe()} selected={props.chosen == Some(*kind)}>{ kind.describe() }</option>
                    }) }
                </select>
            </label>
            <span class="editor-hint" id="editor-hint" data-testid="editor-hint">{"Tab indents · Esc then Tab leaves the editor"}</span>
        </div>
    }
}
