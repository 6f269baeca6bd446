//! One option of the form: its name (the input's label), the input, and
//! what NixOS says about it — type, default, example, description, where
//! it is declared — with a "Reset" when the form overrides it, and the
//! evaluation's error when that error names this option.

use yew::prelude::*;

use crate::components::value_input::value_input;
use crate::option_data::{Data, Doc, OptionInfo};

/// Properties of [`OptionField`].
#[derive(Properties, PartialEq)]
pub struct OptionFieldProps {
    /// The option.
    pub option: OptionInfo,
    /// The value the form forces, if it overrides this option.
    pub overridden: Option<Data>,
    /// The latest evaluation's error message, when it names this option.
    pub error: Option<AttrValue>,
    /// The input set a new value.
    pub on_set: Callback<Data>,
    /// "Reset" was pressed: drop the override.
    pub on_reset: Callback<()>,
}

/// One option of the form.
pub fn option_field(props: &OptionFieldProps) -> Html {
    let option = &props.option;
    let id = format!("option-{}", option.name.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
    let value = props.overridden.clone().unwrap_or_else(|| option.value.clone());
    let editable = option.form.editable() && !option.read_only;
    let input = if editable {
        value_input(&option.form, &value, &id, &option.name, props.on_set.clone())
    } else {
        html! {
            <span class="option-readonly">
                <code>{ option.value_text.clone().unwrap_or_else(|| "(could not be evaluated)".into()) }</code>
                <small>{ if option.read_only { " (read-only)" } else { " (edit this one in your module)" } }</small>
            </span>
        }
    };
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    let declared = option.declarations.iter().map(|d| match (d.line, d.column) {
        (Some(line), Some(column)) => format!("{}:{line}:{column}", d.file),
        _ => d.file.clone(),
    });
    html! {
        <li key={option.name.clone()} class={classes!("option-field", props.overridden.is_some().then_some("overridden"))}
            data-testid={format!("option-{}", option.name)}>
            <div class="option-head">
                <label for={id.clone()} class="option-name"><code>{ option.name.clone() }</code></label>
                { input }
                if props.overridden.is_some() {
                    <button type="button" class="small" onclick={on_reset} aria-label={format!("Reset {}", option.name)}>
                        {"Reset"}
                    </button>
                }
            </div>
            if let Some(error) = &props.error {
                <p class="option-error" role="alert">{ error.clone() }</p>
            }
            <dl class="option-facts">
                <dt>{"Type"}</dt><dd data-testid="option-type">{ option.type_description.clone() }</dd>
                if let Some(default) = &option.default {
                    <><dt>{"Default"}</dt><dd data-testid="option-default">{ doc(default) }</dd></>
                }
                if let Some(example) = &option.example {
                    <><dt>{"Example"}</dt><dd>{ doc(example) }</dd></>
                }
                <dt>{"Declared in"}</dt><dd>{ declared.collect::<Vec<_>>().join(", ") }</dd>
            </dl>
            if let Some(description) = option.description.as_ref().filter(|d| !d.trim().is_empty()) {
                <p class="option-description">{ description.trim().to_owned() }</p>
            }
        </li>
    }
}

/// A default or an example: Nix text in code, Markdown as plain text.
fn doc(doc: &Doc) -> Html {
    if doc.kind == "literalMD" {
        html! { <span>{ doc.text.clone() }</span> }
    } else {
        html! { <code>{ doc.text.clone() }</code> }
    }
}
