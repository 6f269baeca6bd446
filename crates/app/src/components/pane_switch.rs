//! On a narrow screen the editor and the outputs take the whole height in
//! turn; this bar at the bottom switches between them (hidden on wide
//! screens, where both show side by side).

use yew::prelude::*;

use crate::components::tablist::{on_tab_keys, tab_index};

/// The pane a narrow screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    /// The editor.
    Code,
    /// The outputs.
    Output,
}

impl Pane {
    /// Its id (`data-pane` on the panes, the switch's test ids).
    pub fn id(self) -> &'static str {
        match self {
            Pane::Code => "code",
            Pane::Output => "output",
        }
    }
}

/// Properties of [`PaneSwitch`].
#[derive(Properties, PartialEq)]
pub struct PaneSwitchProps {
    /// The pane shown.
    pub pane: Pane,
    /// Whether the outputs hold an error (the switch marks it).
    pub error: bool,
    /// A pane was chosen.
    pub on_pane: Callback<Pane>,
}

/// The Code / Output switch (a plain function: it holds no state).
pub fn pane_switch(props: &PaneSwitchProps) -> Html {
    let tab = |pane: Pane, label: &'static str| {
        let selected = props.pane == pane;
        html! {
            <button type="button" role="tab" class="pane-tab" aria-selected={selected.to_string()}
                    tabindex={tab_index(selected)} aria-controls={format!("pane-{}", pane.id())}
                    data-testid={format!("show-{}", pane.id())} onclick={props.on_pane.reform(move |_: MouseEvent| pane)}>
                { label }
                if pane == Pane::Output && props.error { <span class="pane-error" aria-label="(error)">{" ●"}</span> }
            </button>
        }
    };
    html! {
        <nav class="pane-switch" role="tablist" aria-label="Show" onkeydown={Callback::from(on_tab_keys)}>
            { tab(Pane::Code, "Code") }
            { tab(Pane::Output, "Output") }
        </nav>
    }
}
