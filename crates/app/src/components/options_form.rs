//! The "Options" tab: a form generated from the options the user's own
//! modules declare. Every change becomes an override (see
//! [`crate::overrides`]); "Reset all" drops them and the defaults and the
//! user's own definitions apply again.

use yew::prelude::*;

use crate::components::option_field::{option_field, OptionFieldProps};
use crate::option_data::{Data, FormOptions};
use crate::overrides::{self, Override};
use crate::protocol::ErrorReport;
use crate::shared::Shared;

/// Properties of [`OptionsForm`].
#[derive(Properties, PartialEq)]
pub struct OptionsFormProps {
    /// The options the user's modules declare, and whether the
    /// configuration imports the module declaring them.
    pub form: Shared<FormOptions>,
    /// What the form overrides.
    pub overrides: Vec<Override>,
    /// The latest evaluation's error, if any.
    pub error: Option<ErrorReport>,
    /// Force option `loc` to a value.
    pub on_set: Callback<(Vec<String>, Data)>,
    /// Drop the override of option `loc`.
    pub on_reset: Callback<Vec<String>>,
    /// Drop every override.
    pub on_reset_all: Callback<()>,
}

/// The options form.
pub fn options_form(props: &OptionsFormProps) -> Html {
    let fields = props.form.options.iter().map(|option| {
        let loc = option.loc.clone();
        let on_set = props.on_set.reform(move |value| (loc.clone(), value));
        let loc = option.loc.clone();
        let on_reset = props.on_reset.reform(move |()| loc.clone());
        let named = format!("`{}'", option.name);
        let error =
            props.error.as_ref().filter(|e| e.message.contains(&named)).map(|e| AttrValue::from(e.message.clone()));
        option_field(&OptionFieldProps {
            option: option.clone(),
            error,
            on_set,
            on_reset,
            overridden: overrides::get(&props.overrides, &option.loc).cloned(),
        })
    });
    // Overrides of options that are no longer declared (renamed, removed).
    let orphans: Vec<&Override> =
        props.overrides.iter().filter(|o| !props.form.options.iter().any(|option| option.loc == o.loc)).collect();
    let on_reset_all = props.on_reset_all.reform(|_: MouseEvent| ());
    html! {
        <div class="options-form" data-testid="options-form">
            <div class="output-actions">
                <p class="options-intro">
                    { format!("{} option{} declared by your modules. ", props.form.options.len(), if props.form.options.len() == 1 { "" } else { "s" }) }
                    {"A change is applied as "}<code>{ overrides::FILE_NAME }</code>
                    {", a module that sets it with "}<code>{"lib.mkForce"}</code>{"."}
                </p>
                <button type="button" data-testid="reset-options" onclick={on_reset_all}
                        disabled={props.overrides.is_empty()}>{"Reset all"}</button>
            </div>
            if !props.form.in_configuration {
                <p class="notice" data-testid="not-imported">
                    {"These options are declared by the flake's "}<code>{"nixosModule"}</code>
                    {", which the NixOS configuration does not import yet: setting one fails with \u{201c}The option … does not exist\u{201d} until the configuration lists the module in its "}
                    <code>{"modules"}</code>{"."}
                </p>
            }
            if props.form.options.is_empty() {
                <p>{"Your modules declare no options yet. Declare one with "}<code>{"options.… = lib.mkOption { … };"}</code></p>
            }
            if !orphans.is_empty() {
                <ul class="orphans">
                    { for orphans.iter().map(|o| {
                        let loc = o.loc.clone();
                        let reset = props.on_reset.reform(move |_: MouseEvent| loc.clone());
                        html! {
                            <li>
                                {"Overridden, but no longer declared by your modules: "}<code>{ o.loc.join(".") }</code>{" "}
                                <button type="button" class="small" onclick={reset}>{"Reset"}</button>
                            </li>
                        }
                    }) }
                </ul>
            }
            <ul class="option-list">{ for fields }</ul>
        </div>
    }
}
