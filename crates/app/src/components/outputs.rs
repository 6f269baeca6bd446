//! The output pane: the value of the last good evaluation (marked stale
//! while the source has an error), the error with its position, notices
//! (time budget, restarts) and trace/warning messages. Everything is
//! rendered as text, never as HTML.

use yew::prelude::*;

use crate::protocol::ErrorReport;

/// What the last evaluations produced, as the output pane shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// The printed value of the last successful evaluation.
    pub value: Option<String>,
    /// The error of the latest evaluation, if it failed.
    pub error: Option<ErrorReport>,
    /// A note from the page: the run was stopped, the worker restarted.
    pub notice: Option<String>,
    /// `trace:` / `warning:` lines of the latest evaluation.
    pub messages: Vec<String>,
    /// How long the latest evaluation took in the worker.
    pub millis: Option<f64>,
    /// Whether an evaluation of newer source is under way or waiting.
    pub pending: bool,
}

impl Results {
    /// Whether the value shown is older than the source (an error or a stop
    /// happened since).
    pub fn is_stale(&self) -> bool {
        self.error.is_some() || self.notice.is_some()
    }
}

/// Properties of [`Outputs`].
#[derive(Properties, PartialEq)]
pub struct OutputsProps {
    /// The results to show.
    pub results: Results,
    /// Copy this text to the clipboard.
    pub on_copy: Callback<String>,
}

/// The output pane.
#[function_component(Outputs)]
pub fn outputs(props: &OutputsProps) -> Html {
    let results = &props.results;
    let stale = results.is_stale() && results.value.is_some();
    let on_copy_value = {
        let value = results.value.clone().unwrap_or_default();
        props.on_copy.reform(move |_: MouseEvent| value.clone())
    };
    html! {
        <div class="outputs">
            if let Some(notice) = &results.notice {
                <p class="notice" role="alert" data-testid="notice">{ notice.clone() }</p>
            }
            if let Some(error) = &results.error {
                <div class="error" role="alert" data-testid="error">
                    if let Some(pos) = &error.pos {
                        <p class="error-pos" data-testid="error-pos">
                            { format!("{}:{}:{}", pos.file, pos.line, pos.column) }
                        </p>
                    }
                    <pre class="error-text">{ error.rendered.clone() }</pre>
                </div>
            }
            if !results.messages.is_empty() {
                <pre class="messages" data-testid="messages">{ results.messages.join("\n") }</pre>
            }
            <div class={classes!("value", stale.then_some("stale"))}>
                if results.value.is_some() {
                    <div class="output-actions">
                        <button type="button" class="copy" onclick={on_copy_value}>{"Copy"}</button>
                    </div>
                }
                if stale {
                    <p class="stale-label" data-testid="stale">{"Last good value (the source has changed since):"}</p>
                }
                <pre class="value-text" data-testid="value">{ results.value.clone().unwrap_or_default() }</pre>
            </div>
        </div>
    }
}
