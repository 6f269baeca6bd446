//! The options the form offers, as the worker reads them from
//! `lib.nixpen.optionsToData` (its JSON, field for field), and [`Data`],
//! a JSON-like value used both for what the options hold and for what the
//! form sets.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A value as `lib.nixpen.toData` gives it: what `builtins.toJSON` would
/// print, with functions, derivations and failures already turned into text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Data {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<Data>),
    /// An attribute set, sorted by name.
    Attrs(BTreeMap<String, Data>),
}

/// How a form edits values of an option's type (`lib.nixpen.typeForm`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Form {
    /// `types.bool`: a switch.
    Bool,
    /// `types.enum`: a choice among `values`.
    Enum {
        /// The allowed values, in declaration order.
        values: Vec<EnumValue>,
    },
    /// A string type: a text input.
    Str,
    /// An integer type: a number input within `min`..=`max`.
    Int {
        /// The smallest allowed value, if bounded.
        min: Option<i64>,
        /// The largest allowed value, if bounded.
        max: Option<i64>,
    },
    /// `types.listOf`: an editable list of `elem`.
    List {
        /// The elements' form.
        elem: Box<Form>,
    },
    /// `types.attrsOf`: key/value rows of `elem`.
    Attrs {
        /// The values' form.
        elem: Box<Form>,
    },
    /// `types.nullOr`: `null` or an `elem`.
    NullOr {
        /// The form of the non-null value.
        elem: Box<Form>,
    },
    /// Anything else: shown, not edited.
    Other,
}

impl Form {
    /// Whether the form can edit values of this type.
    pub fn editable(&self) -> bool {
        match self {
            Form::List { elem } | Form::Attrs { elem } | Form::NullOr { elem } => elem.editable(),
            Form::Other => false,
            _ => true,
        }
    }

    /// A value to start from when adding a list element, an attribute or a
    /// non-null value: the first choice, `false`, `""` or the smallest number.
    pub fn blank(&self) -> Data {
        match self {
            Form::Bool => Data::Bool(false),
            Form::Enum { values } => values.first().map_or(Data::Null, |v| v.value.clone()),
            Form::Str => Data::Str(String::new()),
            Form::Int { min, max } => Data::Int(min.unwrap_or(0).max(0).min(max.unwrap_or(i64::MAX))),
            Form::List { .. } => Data::List(Vec::new()),
            Form::Attrs { .. } => Data::Attrs(BTreeMap::new()),
            Form::NullOr { .. } | Form::Other => Data::Null,
        }
    }
}

/// One choice of an enum type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    /// How the choice is shown (a string as is, anything else as Nix).
    pub label: String,
    /// The value itself.
    pub value: Data,
}

/// A default or an example: `{ kind, text }`; `kind` is `value` for a Nix
/// value printed as Nix, or `literalExpression` / `literalMD` for text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// What the text is.
    pub kind: String,
    /// The text.
    pub text: String,
}

/// Where an option was declared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Declaration {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column, when known.
    pub column: Option<u32>,
}

/// One option the user's modules declare (a subset of `optionData`'s fields).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionInfo {
    /// The dotted name, e.g. `xeserv.services.gohello.enable`.
    pub name: String,
    /// The attribute path of the name.
    pub loc: Vec<String>,
    /// The type's description, e.g. `boolean`.
    #[serde(rename = "type")]
    pub type_description: String,
    /// The option's description.
    pub description: Option<String>,
    /// Its default, if any.
    pub default: Option<Doc>,
    /// Its example, if any.
    pub example: Option<Doc>,
    /// Where it is declared.
    pub declarations: Vec<Declaration>,
    /// Its merged value (null when evaluating it failed: see `error`).
    pub value: Data,
    /// The merged value as Nix text.
    pub value_text: Option<String>,
    /// Whether evaluating the value failed.
    pub error: bool,
    /// Whether it is read-only.
    pub read_only: bool,
    /// How the form edits it.
    pub form: Form,
}
