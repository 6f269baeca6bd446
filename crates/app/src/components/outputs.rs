//! The output pane: notices, the error (with its position), trace and
//! warning messages, then the outputs of the last good evaluation in tabs
//! (value; systemd units, nginx.conf, /etc, firewall, NixOS warnings),
//! marked stale while the source has an error, the whole `config` as a
//! tree, and the options form.
//! Everything is rendered as text, never as HTML.

use yew::prelude::*;

use nixpen_nixos::rendered::{Firewall, Ports, Protocol};

use crate::components::config_tree::{ConfigTree, Path, TreeState};
use crate::components::file_list::{FileList, Listing};
use crate::components::options_form::OptionsForm;
use crate::option_data::{Data, FormOptions};
use crate::overrides::Override;
use crate::protocol::{ErrorReport, Outputs as Produced, System};
use crate::shared::Shared;

/// What the last evaluations produced, as the output pane shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// The outputs of the last successful evaluation.
    pub outputs: Option<Shared<Produced>>,
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
    /// The options the user's modules declare, as last read.
    pub form: Shared<FormOptions>,
}

impl Results {
    /// Whether the outputs shown are older than the source (an error or a
    /// stop happened since).
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
    /// What the options form overrides.
    pub overrides: Vec<Override>,
    /// The form forces option `loc` to a value.
    pub on_set: Callback<(Vec<String>, Data)>,
    /// The form drops the override of option `loc`.
    pub on_reset: Callback<Vec<String>>,
    /// The form drops every override.
    pub on_reset_all: Callback<()>,
    /// What is known of the `config` tree.
    pub tree: TreeState,
    /// Open or close a node of the tree.
    pub on_tree_toggle: Callback<Path>,
    /// Read levels of the tree.
    pub on_tree_load: Callback<Vec<Path>>,
}

/// The output tabs that exist for some outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Value,
    Units,
    Nginx,
    Etc,
    Firewall,
    Warnings,
    Config,
    Options,
}

impl Tab {
    fn label(self, system: Option<&System>) -> String {
        let count = |n: usize| if n == 0 { String::new() } else { format!(" ({n})") };
        match self {
            Tab::Value => "Value".into(),
            Tab::Units => format!("systemd units{}", count(system.map_or(0, |s| s.rendered.units.len()))),
            Tab::Nginx => "nginx.conf".into(),
            Tab::Etc => format!("/etc{}", count(system.map_or(0, |s| s.rendered.etc.len()))),
            Tab::Firewall => "Firewall".into(),
            Tab::Warnings => format!("Warnings{}", count(system.map_or(0, |s| s.rendered.warnings.len()))),
            Tab::Config => "config".into(),
            Tab::Options => "Options".into(),
        }
    }

    fn id(self) -> &'static str {
        match self {
            Tab::Value => "value",
            Tab::Units => "units",
            Tab::Nginx => "nginx",
            Tab::Etc => "etc",
            Tab::Firewall => "firewall",
            Tab::Warnings => "warnings",
            Tab::Config => "config",
            Tab::Options => "options",
        }
    }
}

fn tabs_for(outputs: Option<&Produced>, form: bool) -> Vec<Tab> {
    let mut tabs = Vec::new();
    if let Some(system) = outputs.and_then(|o| o.system.as_ref()) {
        tabs.push(Tab::Units);
        if system.rendered.nginx.is_some() {
            tabs.push(Tab::Nginx);
        }
        tabs.extend([Tab::Etc, Tab::Firewall]);
        if !system.rendered.warnings.is_empty() {
            tabs.push(Tab::Warnings);
        }
        tabs.push(Tab::Config);
    }
    if outputs.is_some_and(|o| o.value.is_some()) {
        tabs.push(Tab::Value);
    }
    if form {
        tabs.push(Tab::Options);
    }
    tabs
}

/// The output pane.
#[function_component(Outputs)]
pub fn outputs(props: &OutputsProps) -> Html {
    let chosen = use_state(|| None::<Tab>);
    let results = &props.results;
    let stale = results.is_stale() && results.outputs.is_some();
    let form = !results.form.options.is_empty() || !props.overrides.is_empty();
    let body = (results.outputs.is_some() || form).then(|| {
        let shared = results.outputs.clone().unwrap_or_default();
        let outputs = results.outputs.as_deref();
        let tabs = tabs_for(outputs, form);
        let current = (*chosen).filter(|tab| tabs.contains(tab)).or(tabs.first().copied());
        let system = outputs.and_then(|o| o.system.as_ref());
        let strip = tabs.iter().map(|&tab| {
            let selected = Some(tab) == current;
            let chosen = chosen.clone();
            // Keyed: a tab that comes or goes (the Options tab arrives with
            // the worker's second message) never turns another tab's button
            // into its own under a pointer or a test's click.
            html! {
                <button key={tab.id()} type="button" role="tab" class="tab" aria-selected={selected.to_string()}
                        data-testid={format!("tab-{}", tab.id())} onclick={move |_| chosen.set(Some(tab))}>
                    { tab.label(system) }
                </button>
            }
        });
        let panel = match (current, system) {
            (Some(Tab::Config), Some(_)) => html! {
                <ConfigTree state={props.tree.clone()} on_toggle={props.on_tree_toggle.clone()}
                            on_load={props.on_tree_load.clone()} />
            },
            (Some(Tab::Options), _) => html! {
                <OptionsForm form={results.form.clone()}
                             overrides={props.overrides.clone()}
                             error={results.error.clone()} on_set={props.on_set.clone()}
                             on_reset={props.on_reset.clone()} on_reset_all={props.on_reset_all.clone()} />
            },
            (Some(Tab::Value), _) => {
                text_panel("value", outputs.and_then(|o| o.value.clone()).unwrap_or_default(), &props.on_copy)
            }
            (Some(Tab::Units), Some(_)) => html! {
                <FileList outputs={shared.clone()} listing={Listing::Units} label="units" on_copy={props.on_copy.clone()}
                          empty="This configuration enables no systemd units." />
            },
            (Some(Tab::Nginx), Some(system)) => text_panel("nginx", system.rendered.nginx.clone().unwrap_or_default(), &props.on_copy),
            (Some(Tab::Etc), Some(_)) => html! {
                <FileList outputs={shared.clone()} listing={Listing::Etc} label="etc" prefix="/etc/" on_copy={props.on_copy.clone()}
                          empty="No /etc files with a text of their own." />
            },
            (Some(Tab::Firewall), Some(system)) => firewall_panel(&system.rendered.firewall),
            (Some(Tab::Warnings), Some(system)) => html! {
                <ul class="warnings" data-testid="warnings">
                    { for system.rendered.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
                </ul>
            },
            _ => html! {},
        };
        html! {
            <>
                <div class="tabs output-tabs" role="tablist" aria-label="Outputs">
                    { for strip }
                    if let Some(system) = system {
                        <span class="system-name" data-testid="system-name">{ system.name.clone() }</span>
                        { download_button(&shared) }
                    }
                </div>
                if system.is_some_and(|s| s.rendered.provisional) {
                    <p class="stale-label" data-testid="provisional">
                        {"Loading the rest of NixOS's modules and options to check this configuration…"}
                    </p>
                }
                if stale && current != Some(Tab::Options) {
                    <p class="stale-label" data-testid="stale">
                        {"These outputs are from the last good evaluation; the source has changed since."}
                    </p>
                }
                <div class={classes!("output-body", (stale && current != Some(Tab::Options)).then_some("stale"))} role="tabpanel">
                    { panel }
                </div>
            </>
        }
    });
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
            { body.unwrap_or_default() }
        </div>
    }
}

/// "Download all": the rendered files as one tar archive.
fn download_button(outputs: &Shared<Produced>) -> Html {
    let outputs = outputs.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        if let Some(system) = &outputs.system {
            crate::download::download(system)
        }
    });
    html! {
        <button type="button" class="small download" data-testid="download-all" {onclick}
                title="Download every rendered file (units, /etc, nginx.conf) as a tar archive">
            {"Download all"}
        </button>
    }
}

fn text_panel(id: &'static str, text: String, on_copy: &Callback<String>) -> Html {
    let copied = text.clone();
    let on_copy = on_copy.reform(move |_: MouseEvent| copied.clone());
    html! {
        <div class="text-panel">
            <div class="output-actions">
                <button type="button" class="copy" onclick={on_copy}>{"Copy"}</button>
            </div>
            <pre class="value-text" data-testid={id}>{ text }</pre>
        </div>
    }
}

fn firewall_panel(firewall: &Firewall) -> Html {
    if !firewall.enable {
        return html! { <p data-testid="firewall">{"The firewall is off: every port is reachable."}</p> };
    }
    let rows = firewall.rows();
    html! {
        <table class="firewall" data-testid="firewall">
            <thead><tr><th scope="col">{"Interface"}</th><th scope="col">{"TCP"}</th><th scope="col">{"UDP"}</th></tr></thead>
            <tbody>
                { for rows.iter().map(|(name, ports)| html! {
                    <tr><th scope="row">{ name.clone() }</th><td>{ list(ports, Protocol::Tcp) }</td><td>{ list(ports, Protocol::Udp) }</td></tr>
                }) }
            </tbody>
        </table>
    }
}

fn list(ports: &Ports, protocol: Protocol) -> String {
    let parts = ports.items(protocol, "–");
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}
