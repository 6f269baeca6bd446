//! The "config" tab: the configuration's whole `config` as a collapsible
//! tree. Each level is read from the worker only when it is opened
//! ([`TreeState`] holds what was read), so the tree never evaluates more
//! than is shown; a value that cannot be evaluated shows the error as text.

use std::collections::{BTreeMap, BTreeSet};

use yew::prelude::*;

use crate::protocol::{NodeKind, TreeNode};

/// A path from `config` down (list positions as decimal text).
pub type Path = Vec<String>;

/// What the page knows of the tree: opened nodes, levels read (or the error
/// reading them) and levels asked for. Cleared levels are read again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TreeState {
    /// Opened nodes.
    pub expanded: BTreeSet<Path>,
    /// Children read for a path, or why they could not be.
    pub children: BTreeMap<Path, Result<Vec<TreeNode>, String>>,
    /// Paths asked for and not answered yet.
    pub pending: BTreeSet<Path>,
}

impl TreeState {
    /// The levels that are shown but not read nor asked for: the root,
    /// and every opened node whose parents are open and read.
    pub fn missing(&self) -> Vec<Path> {
        let mut wanted = vec![Vec::new()];
        for path in &self.expanded {
            let parents_open = (1..path.len()).all(|n| self.expanded.contains(&path[..n]));
            let parent_read = matches!(self.children.get(&path[..path.len() - 1]), Some(Ok(_)));
            if parents_open && parent_read {
                wanted.push(path.clone());
            }
        }
        wanted.retain(|p| !self.children.contains_key(p) && !self.pending.contains(p));
        wanted
    }
}

/// Properties of [`ConfigTree`].
#[derive(Properties, PartialEq)]
pub struct ConfigTreeProps {
    /// What is known of the tree.
    pub state: TreeState,
    /// Open or close a node.
    pub on_toggle: Callback<Path>,
}

/// The `config` tree (a plain function: whoever shows it asks for the
/// levels [`TreeState::missing`] names, through `on_load`, after rendering).
pub fn config_tree(props: &ConfigTreeProps) -> Html {
    html! {
        <div class="config-tree" data-testid="config-tree">
            <p class="options-intro">{"The configuration's "}<code>{"config"}</code>{", one level at a time: open a set or a list to evaluate it."}</p>
            { level(props, &Vec::new()) }
        </div>
    }
}

/// The children of `path`: read, being read, or the error.
fn level(props: &ConfigTreeProps, path: &Path) -> Html {
    match props.state.children.get(path) {
        None => html! { <p class="empty">{"Evaluating…"}</p> },
        Some(Err(error)) => html! { <pre class="tree-error">{ error.clone() }</pre> },
        Some(Ok(nodes)) if nodes.is_empty() => html! { <p class="empty">{"(empty)"}</p> },
        Some(Ok(nodes)) => html! {
            <ul class="tree" role="group">{ for nodes.iter().map(|node| item(props, path, node)) }</ul>
        },
    }
}

/// One child: a toggle for sets and lists, the text for other values.
fn item(props: &ConfigTreeProps, parent: &Path, node: &TreeNode) -> Html {
    let mut path = parent.clone();
    path.push(node.name.clone());
    let dotted = path.join(".");
    match node.kind {
        NodeKind::Attrs | NodeKind::List => {
            let open = props.state.expanded.contains(&path);
            let what = match (node.kind, node.count) {
                (NodeKind::List, 1) => "list of 1 element".to_owned(),
                (NodeKind::List, n) => format!("list of {n} elements"),
                (_, 1) => "set of 1 attribute".to_owned(),
                (_, n) => format!("set of {n} attributes"),
            };
            let toggle = {
                let path = path.clone();
                props.on_toggle.reform(move |_: MouseEvent| path.clone())
            };
            html! {
                <li data-path={dotted}>
                    <button type="button" class="tree-toggle" aria-expanded={open.to_string()} onclick={toggle}>
                        <span aria-hidden="true">{ if open { "▾ " } else { "▸ " } }</span>
                        <code>{ node.name.clone() }</code>
                    </button>
                    <span class="tree-what">{ what }</span>
                    if open { { level(props, &path) } }
                </li>
            }
        }
        NodeKind::Error => {
            // Opening it evaluates the value alone, so the evaluator's own
            // message is shown (`tryEval` in the level above loses it).
            let open = props.state.expanded.contains(&path);
            let toggle = {
                let path = path.clone();
                props.on_toggle.reform(move |_: MouseEvent| path.clone())
            };
            html! {
                <li data-path={dotted} class="tree-error">
                    <code class="tree-name">{ node.name.clone() }</code>{" = "}
                    <code class="tree-value">{ node.text.clone() }</code>{" "}
                    <button type="button" class="small" aria-expanded={open.to_string()} onclick={toggle}>
                        { if open { "Hide the error" } else { "Show the error" } }
                    </button>
                    if open { { level(props, &path) } }
                </li>
            }
        }
        NodeKind::Leaf => html! {
            <li data-path={dotted}>
                <code class="tree-name">{ node.name.clone() }</code>{" = "}
                <code class="tree-value">{ node.text.clone() }</code>
            </li>
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(path: &str) -> Path {
        path.split('.').map(str::to_owned).collect()
    }

    #[test]
    fn only_shown_levels_are_missing() {
        let mut state = TreeState::default();
        assert_eq!(state.missing(), vec![Vec::<String>::new()]);
        state.children.insert(Vec::new(), Ok(Vec::new()));
        state.expanded.insert(p("services"));
        state.expanded.insert(p("services.nginx"));
        assert_eq!(state.missing(), vec![p("services")]);
        state.pending.insert(p("services"));
        assert!(state.missing().is_empty());
        state.pending.clear();
        state.children.insert(p("services"), Ok(Vec::new()));
        assert_eq!(state.missing(), vec![p("services.nginx")]);
    }
}
