//! The input for one value of an option's type, chosen by its [`Form`]:
//! a switch, a select, a text or number input, an editable list, key/value
//! rows, or a value that can be cleared to `null`. Lists, attribute sets
//! and `nullOr` nest the input of their element type. Every change is
//! evaluated at once (the worker keeps only the newest request waiting).

use std::collections::BTreeMap;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::option_data::{Data, Form};

/// The input for `value`, whose type `form` describes. `id` is the element
/// id of the main control (the field's `<label for>` points to it), `label`
/// names nested controls for assistive technology, and `on_change` receives
/// the whole new value.
pub fn value_input(form: &Form, value: &Data, id: &str, label: &str, on_change: Callback<Data>) -> Html {
    match form {
        Form::Bool => {
            let checked = matches!(value, Data::Bool(true));
            let onchange =
                on_change.reform(|e: Event| Data::Bool(e.target_unchecked_into::<HtmlInputElement>().checked()));
            html! {
                <span class="switch">
                    <input type="checkbox" role="switch" id={id.to_owned()} aria-label={label.to_owned()} {checked} {onchange} />
                    <span class="switch-state" aria-hidden="true">{ if checked { "true" } else { "false" } }</span>
                </span>
            }
        }
        Form::Enum { values } => {
            let chosen = values.iter().position(|v| v.value == *value);
            let choices = values.clone();
            let onchange = on_change.reform(move |e: Event| {
                let index: usize = e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(0);
                choices.get(index).map_or(Data::Null, |v| v.value.clone())
            });
            html! {
                <select id={id.to_owned()} aria-label={label.to_owned()} {onchange}>
                    if chosen.is_none() {
                        <option value="" selected=true disabled=true>{ "(not one of the choices)" }</option>
                    }
                    { for values.iter().enumerate().map(|(i, v)| html! {
                        <option value={i.to_string()} selected={chosen == Some(i)}>{ v.label.clone() }</option>
                    }) }
                </select>
            }
        }
        Form::Str => {
            let text = match value {
                Data::Str(s) => s.clone(),
                _ => String::new(),
            };
            let oninput =
                on_change.reform(|e: InputEvent| Data::Str(e.target_unchecked_into::<HtmlInputElement>().value()));
            html! { <input type="text" id={id.to_owned()} aria-label={label.to_owned()} value={text} {oninput} spellcheck="false" /> }
        }
        Form::Int { min, max } => number_input((*min, *max), value, id, label, on_change),
        Form::List { elem } => list_input(elem, value, id, label, on_change),
        Form::Attrs { elem } => attrs_input(elem, value, id, label, on_change),
        Form::NullOr { elem } => null_or_input(elem, value, id, label, on_change),
        Form::Other => html! {},
    }
}

/// A number input with the type's bounds. The bounds only guide the
/// browser: a value outside them is still sent, so that NixOS's own type
/// check answers.
fn number_input(
    bounds: (Option<i64>, Option<i64>),
    value: &Data,
    id: &str,
    label: &str,
    on_change: Callback<Data>,
) -> Html {
    let (min, max) = bounds;
    let text = match value {
        Data::Int(n) => n.to_string(),
        _ => String::new(),
    };
    let changed = on_change.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        if let Ok(n) = e.target_unchecked_into::<HtmlInputElement>().value().trim().parse::<i64>() {
            changed.emit(Data::Int(n));
        }
    });
    html! {
        <input type="number" step="1" id={id.to_owned()} aria-label={label.to_owned()} value={text} {oninput}
               min={min.map(|n| n.to_string())} max={max.map(|n| n.to_string())} />
    }
}

/// An editable list: each element's input with a remove button, then "Add".
fn list_input(elem: &Form, value: &Data, id: &str, label: &str, on_change: Callback<Data>) -> Html {
    let items = match value {
        Data::List(items) => items.clone(),
        _ => Vec::new(),
    };
    let rows = items.iter().enumerate().map(|(i, item)| {
        let (all, changed) = (items.clone(), on_change.clone());
        let on_item = Callback::from(move |new: Data| {
            let mut next = all.clone();
            next[i] = new;
            changed.emit(Data::List(next));
        });
        let (all, changed) = (items.clone(), on_change.clone());
        let remove = Callback::from(move |_: MouseEvent| {
            let mut next = all.clone();
            next.remove(i);
            changed.emit(Data::List(next));
        });
        let item_label = format!("{label}, element {}", i + 1);
        html! {
            <li class="list-row">
                { value_input(elem, item, &format!("{id}-{i}"), &item_label, on_item) }
                <button type="button" class="small" onclick={remove} aria-label={format!("Remove {item_label}")}>{"Remove"}</button>
            </li>
        }
    }).collect::<Html>();
    let (blank, changed) = (elem.blank(), on_change);
    let add = Callback::from(move |_: MouseEvent| {
        let mut next = items.clone();
        next.push(blank.clone());
        changed.emit(Data::List(next));
    });
    html! {
        <div class="list-input" id={id.to_owned()} role="group" aria-label={label.to_owned()}>
            <ul>{ rows }</ul>
            <button type="button" class="small" onclick={add}>{"Add an element"}</button>
        </div>
    }
}

/// Key/value rows. A key is renamed when its input is left (not on every
/// keystroke, since the rows are kept sorted by name).
fn attrs_input(elem: &Form, value: &Data, id: &str, label: &str, on_change: Callback<Data>) -> Html {
    let attrs = match value {
        Data::Attrs(attrs) => attrs.clone(),
        _ => BTreeMap::new(),
    };
    let rows = attrs.iter().enumerate().map(|(i, (key, item))| {
        let (all, changed, old) = (attrs.clone(), on_change.clone(), key.clone());
        let rename = Callback::from(move |new: String| {
            let mut next = all.clone();
            if let Some(v) = next.remove(&old) {
                next.insert(new, v);
            }
            changed.emit(Data::Attrs(next));
        });
        let (all, changed, name) = (attrs.clone(), on_change.clone(), key.clone());
        let on_item = Callback::from(move |new: Data| {
            let mut next = all.clone();
            next.insert(name.clone(), new);
            changed.emit(Data::Attrs(next));
        });
        let (all, changed, name) = (attrs.clone(), on_change.clone(), key.clone());
        let remove = Callback::from(move |_: MouseEvent| {
            let mut next = all.clone();
            next.remove(&name);
            changed.emit(Data::Attrs(next));
        });
        let item_label = format!("{label}, value of {key}");
        html! {
            <li class="attrs-row">
                <KeyInput name={key.clone()} label={format!("{label}, name of attribute {}", i + 1)} on_rename={rename} />
                <span aria-hidden="true">{" = "}</span>
                { value_input(elem, item, &format!("{id}-{i}"), &item_label, on_item) }
                <button type="button" class="small" onclick={remove} aria-label={format!("Remove {key}")}>{"Remove"}</button>
            </li>
        }
    }).collect::<Html>();
    let (blank, changed) = (elem.blank(), on_change);
    let add = Callback::from(move |_: MouseEvent| {
        let mut next = attrs.clone();
        let name =
            (1..).map(|n| if n == 1 { "name".to_owned() } else { format!("name{n}") }).find(|k| !next.contains_key(k));
        next.insert(name.unwrap_or_default(), blank.clone());
        changed.emit(Data::Attrs(next));
    });
    html! {
        <div class="attrs-input" id={id.to_owned()} role="group" aria-label={label.to_owned()}>
            <ul>{ rows }</ul>
            <button type="button" class="small" onclick={add}>{"Add an attribute"}</button>
        </div>
    }
}

/// `null`, with a button to give a value; or the element's input with a
/// button to clear it back to `null`.
fn null_or_input(elem: &Form, value: &Data, id: &str, label: &str, on_change: Callback<Data>) -> Html {
    if *value == Data::Null {
        let blank = elem.blank();
        let set = on_change.reform(move |_: MouseEvent| blank.clone());
        return html! {
            <span class="null-input">
                <code>{"null"}</code>{" "}
                <button type="button" class="small" id={id.to_owned()} onclick={set}
                        aria-label={format!("Set {label} to a value")}>{"Set a value"}</button>
            </span>
        };
    }
    let clear = on_change.reform(|_: MouseEvent| Data::Null);
    html! {
        <span class="null-input">
            { value_input(elem, value, id, label, on_change) }{" "}
            <button type="button" class="small" onclick={clear} aria-label={format!("Clear {label} (set it to null)")}>
                {"Clear"}
            </button>
        </span>
    }
}

/// An attribute's name, renamed when the input is left. Until then what is
/// typed stays in the input: the view's value is the committed name, which
/// a render of the form (an answer of the worker) leaves as it was, so Yew
/// does not write it back over the typing.
/// The props of [`KeyInput`].
#[derive(Properties, PartialEq)]
struct KeyInputProps {
    name: String,
    label: String,
    on_rename: Callback<String>,
}

/// An attribute's name. What the user types stays theirs until they leave
/// the field: the text is set only when the name itself changes, so a
/// re-render meanwhile (a new answer, the extra files arriving) does not
/// put the old name back, as a controlled `value` would.
#[function_component]
fn KeyInput(props: &KeyInputProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.name.clone(), move |name| {
            if let Some(input) = node.cast::<HtmlInputElement>() {
                input.set_value(name);
            }
        });
    }
    let onchange = props.on_rename.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <input ref={node} type="text" class="attr-key" {onchange} aria-label={props.label.clone()} spellcheck="false" />
    }
}
