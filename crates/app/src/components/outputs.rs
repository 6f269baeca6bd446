//! The output pane: notices, the error (its position puts the caret there;
//! its code frame never wraps), trace and warning messages, then the
//! outputs of the last good evaluation in tabs (value, pretty-printed;
//! systemd units, nginx.conf, /etc, firewall, NixOS warnings), marked stale
//! while the source or the form has an error, the whole `config` as a
//! tree, and the options form. Store paths are shortened unless the user
//! asks for them in full. The tabs follow the WAI-ARIA tabs pattern.
//! Everything is rendered as text, never as HTML.

use yew::prelude::*;

use nixpen_nixos::rendered::{Firewall, Ports, Protocol};

use nixpen_nixos::SourceKind;

use crate::components::config_tree::{config_tree, ConfigTreeProps, Path, TreeState};
use crate::components::file_list::{file_list, FileListProps, Listing};
use crate::components::options_form::{options_form, OptionsFormProps};
use crate::components::tablist::{on_tab_keys, tab_index};
use crate::option_data::{Data, FormOptions};
use crate::overrides::Override;
use crate::pretty::pretty;
use crate::protocol::{ErrorPos, ErrorReport, Outputs as Produced, Own, System};
use crate::shared::Shared;
use crate::store_paths::shorten;
use crate::workspace::View;

/// What changed last: the files, or the options form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Change {
    /// The files (typing, an example, a link).
    #[default]
    Source,
    /// The options form.
    Form,
}

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
    /// What the user's modules define among the rendered files, as last read.
    pub own: Shared<Own>,
    /// How the entry was read by the latest evaluation.
    pub kind: Option<SourceKind>,
    /// What the entry's text holds, as the latest evaluation judged it.
    pub detected: Option<SourceKind>,
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
    /// What changed last (the stale label says).
    pub change: Change,
    /// The tab and file shown.
    pub view: View,
    /// Another tab or file was chosen.
    pub on_view: Callback<View>,
    /// Whether store paths are shown in full.
    pub full_paths: bool,
    /// Show them in full, or shortened.
    pub on_full_paths: Callback<()>,
    /// An error position was clicked.
    pub on_jump: Callback<ErrorPos>,
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

    fn of(id: &str) -> Option<Tab> {
        ALL.into_iter().find(|tab| tab.id() == id)
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

const ALL: [Tab; 8] =
    [Tab::Value, Tab::Units, Tab::Nginx, Tab::Etc, Tab::Firewall, Tab::Warnings, Tab::Config, Tab::Options];

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
    let results = &props.results;
    let stale = results.is_stale() && results.outputs.is_some();
    let form = !results.form.options.is_empty() || !props.overrides.is_empty();
    // The `config` tab reads the levels it shows and does not have yet.
    let tree_shown = results.outputs.as_ref().is_some_and(|o| o.system.is_some())
        && props.view.tab.as_deref() == Some(Tab::Config.id());
    {
        let on_load = props.on_tree_load.clone();
        let missing = if tree_shown { props.tree.missing() } else { Vec::new() };
        use_effect_with(missing, move |missing| {
            if !missing.is_empty() {
                on_load.emit(missing.clone());
            }
        });
    }
    let paths = |text: &str| if props.full_paths { text.to_owned() } else { shorten(text).into_owned() };
    let body = (results.outputs.is_some() || form).then(|| {
        let shared = results.outputs.clone().unwrap_or_default();
        let outputs = results.outputs.as_deref();
        let tabs = tabs_for(outputs, form);
        let chosen = props.view.tab.as_deref().and_then(Tab::of);
        let current = chosen.filter(|tab| tabs.contains(tab)).or(tabs.first().copied());
        let system = outputs.and_then(|o| o.system.as_ref());
        let strip = tabs.iter().map(|&tab| {
            let selected = Some(tab) == current;
            let onclick = props.on_view.reform(move |_: MouseEvent| View { tab: Some(tab.id().to_owned()), item: None });
            // Keyed: a tab that comes or goes (the Options tab arrives with
            // the worker's second message) never turns another tab's button
            // into its own under a pointer or a test's click.
            html! {
                <button key={tab.id()} type="button" role="tab" class="tab" aria-selected={selected.to_string()}
                        tabindex={tab_index(selected)} aria-controls="output-panel"
                        data-testid={format!("tab-{}", tab.id())} {onclick}>
                    { tab.label(system) }
                </button>
            }
        });
        let item = props.view.item.clone().filter(|_| chosen == current);
        let on_item = {
            let tab = current.map(|tab| tab.id().to_owned());
            props.on_view.reform(move |item: String| View { tab: tab.clone(), item: Some(item) })
        };
        let list = |listing: Listing, label: &'static str, prefix: &'static str, empty: &'static str| {
            file_list(&FileListProps {
                outputs: shared.clone(),
                own: results.own.clone(),
                listing,
                label: label.into(),
                prefix: prefix.into(),
                empty: empty.into(),
                selected: item.clone(),
                on_select: on_item.clone(),
                full_paths: props.full_paths,
                on_copy: props.on_copy.clone(),
            })
        };
        let panel = match (current, system) {
            (Some(Tab::Config), Some(_)) => {
                config_tree(&ConfigTreeProps { state: props.tree.clone(), on_toggle: props.on_tree_toggle.clone() })
            }
            (Some(Tab::Options), _) => options_form(&OptionsFormProps {
                form: results.form.clone(),
                overrides: props.overrides.clone(),
                error: results.error.clone(),
                on_set: props.on_set.clone(),
                on_reset: props.on_reset.clone(),
                on_reset_all: props.on_reset_all.clone(),
            }),
            (Some(Tab::Value), _) => {
                let value = outputs.and_then(|o| o.value.as_deref()).unwrap_or_default();
                text_panel("value", value.to_owned(), paths(&pretty(value)), &props.on_copy)
            }
            (Some(Tab::Units), Some(_)) => list(Listing::Units, "units", "", "This configuration enables no systemd units."),
            (Some(Tab::Nginx), Some(system)) => {
                let conf = system.rendered.nginx.clone().unwrap_or_default();
                let shown = paths(&conf);
                text_panel("nginx", conf, shown, &props.on_copy)
            }
            (Some(Tab::Etc), Some(_)) => list(Listing::Etc, "etc", "/etc/", "No /etc files with a text of their own."),
            (Some(Tab::Firewall), Some(system)) => firewall_panel(&system.rendered.firewall),
            (Some(Tab::Warnings), Some(system)) => html! {
                <>
                    { docs_note() }
                    <ul class="warnings" data-testid="warnings">
                        { for system.rendered.warnings.iter().map(|w| html! { <li>{ linked(w) }</li> }) }
                    </ul>
                </>
            },
            _ => html! {},
        };
        let why = match props.change {
            Change::Source => "the source has changed since",
            Change::Form => "the options form has changed since",
        };
        html! {
            <>
                <div class="tabs output-tabs">
                    <div class="tab-strip" role="tablist" aria-label="Outputs" onkeydown={Callback::from(on_tab_keys)}>
                        { for strip }
                    </div>
                    if let Some(system) = system {
                        <span class="system-name" data-testid="system-name" title="The NixOS configuration shown">{ system.name.clone() }</span>
                        <button type="button" class="small" data-testid="full-paths" aria-pressed={props.full_paths.to_string()}
                                onclick={props.on_full_paths.reform(|_: MouseEvent| ())}
                                title="Show store paths with their hashes, or shortened to /nix/store/…-name">
                            {"Full store paths"}
                        </button>
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
                        { format!("These outputs are from the last good evaluation; {why}.") }
                    </p>
                }
                <div class={classes!("output-body", (stale && current != Some(Tab::Options)).then_some("stale"))}
                     role="tabpanel" id="output-panel">
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
                { error_box(error, &props.on_jump) }
            }
            if !results.messages.is_empty() {
                <pre class="messages" data-testid="messages">{ linked(&results.messages.join("\n")) }</pre>
            }
            { body.unwrap_or_default() }
        </div>
    }
}

/// The error: its position (a button that puts the caret there), the
/// page's note, and Nix's text with its code frame unwrapped.
fn error_box(error: &ErrorReport, on_jump: &Callback<ErrorPos>) -> Html {
    html! {
        <div class="error" role="alert" data-testid="error">
            if let Some(pos) = &error.pos {
                <p class="error-head">
                    <button type="button" class="error-pos link" data-testid="error-pos" title="Put the caret there"
                            onclick={on_jump.reform({ let pos = pos.clone(); move |_: MouseEvent| pos.clone() })}>
                        { format!("{}:{}:{}", pos.file, pos.line, pos.column) }
                    </button>
                </p>
            }
            if let Some(note) = &error.note {
                <p class="error-note" data-testid="error-note">{ note.clone() }</p>
            }
            if error.message.contains("does not exist") {
                { docs_note() }
            }
            <pre class="error-text">{ linked(&error.rendered) }</pre>
        </div>
    }
}

/// Where to read which options Nixpen models.
fn docs_note() -> Html {
    html! {
        <p class="options-intro">
            {"Nixpen models part of NixOS; "}
            <a href={DOCS[0].1} target="_blank" rel="noopener" data-testid="docs-link">{"the options it models"}</a>
            {" are listed beside the playground."}
        </p>
    }
}

/// The documents NixOS's messages name, and where the app serves them.
const DOCS: [(&str, &str); 1] = [("docs/supported-options.md", "supported-options.txt")];

/// `text`, with the documents it names as links to them.
fn linked(text: &str) -> Html {
    let Some((at, (name, href))) = DOCS.iter().find_map(|doc| text.find(doc.0).map(|at| (at, doc))) else {
        return html! { { text.to_owned() } };
    };
    html! {
        <>
            { text[..at].to_owned() }
            <a href={*href} target="_blank" rel="noopener" data-testid="docs-link">{ *name }</a>
            { linked(&text[at + name.len()..]) }
        </>
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

/// A text with a copy button: `shown` (laid out, paths shortened), and
/// `text` as it is for the clipboard.
fn text_panel(id: &'static str, text: String, shown: String, on_copy: &Callback<String>) -> Html {
    let on_copy = on_copy.reform(move |_: MouseEvent| text.clone());
    html! {
        <div class="text-panel">
            <div class="output-actions">
                <button type="button" class="copy" onclick={on_copy}>{"Copy"}</button>
            </div>
            <pre class="value-text" data-testid={id}>{ shown }</pre>
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
