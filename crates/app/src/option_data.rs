//! The options the form offers, as the page reads them from the JSON of
//! `lib.nixpen.optionsToData` (which the worker passes on as text), and
//! [`Data`], a JSON-like value used both for what the options hold and for
//! what the form sets. Serde is implemented by hand for [`Data`], and
//! [`Form`] is read through a plain struct: derived untagged and internally
//! tagged enums would cost the page's wasm tens of kilobytes.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Reads the form's options from the worker's JSON text (`None` if it is
/// not what `Target::form_options_expr` gives).
pub fn parse(json: &str) -> Option<FormOptions> {
    let value = js_sys::JSON::parse(json).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// What the form shows: the options, and whether the configuration has them.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormOptions {
    /// The options the user's own modules declare.
    pub options: Vec<OptionInfo>,
    /// False when they come from a flake's `nixosModule(s)` that its
    /// configuration does not import: setting them there fails.
    pub in_configuration: bool,
}

impl Default for FormOptions {
    fn default() -> FormOptions {
        FormOptions { options: Vec::new(), in_configuration: true }
    }
}

/// A value as `lib.nixpen.toData` gives it: what `builtins.toJSON` would
/// print, with functions, derivations and failures already turned into text.
#[derive(Clone, Debug, PartialEq)]
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

impl Serialize for Data {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Data::Null => s.serialize_unit(),
            Data::Bool(b) => s.serialize_bool(*b),
            Data::Int(n) => s.serialize_i64(*n),
            Data::Float(f) => s.serialize_f64(*f),
            Data::Str(text) => s.serialize_str(text),
            Data::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Data::Attrs(attrs) => {
                let mut map = s.serialize_map(Some(attrs.len()))?;
                for (k, v) in attrs {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Data, D::Error> {
        d.deserialize_any(DataVisitor)
    }
}

struct DataVisitor;

impl<'de> Visitor<'de> for DataVisitor {
    type Value = Data;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Data, E> {
        Ok(Data::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Data, E> {
        Ok(Data::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Data, D::Error> {
        Data::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Data, E> {
        Ok(Data::Bool(b))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Data, E> {
        Ok(Data::Int(n))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Data, E> {
        Ok(i64::try_from(n).map_or(Data::Float(n as f64), Data::Int))
    }
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Data, E> {
        Ok(Data::Float(f))
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Data, E> {
        Ok(Data::Str(text.to_owned()))
    }
    fn visit_string<E: de::Error>(self, text: String) -> Result<Data, E> {
        Ok(Data::Str(text))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Data, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Data::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Data, A::Error> {
        let mut attrs = BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<String, Data>()? {
            attrs.insert(k, v);
        }
        Ok(Data::Attrs(attrs))
    }
}

/// How a form edits values of an option's type (`lib.nixpen.typeForm`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "RawForm")]
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

/// `typeForm`'s record as it is written: `kind` and the fields some kinds have.
#[derive(Deserialize)]
struct RawForm {
    kind: String,
    #[serde(default)]
    values: Vec<EnumValue>,
    #[serde(default)]
    min: Option<i64>,
    #[serde(default)]
    max: Option<i64>,
    #[serde(default)]
    elem: Option<Box<RawForm>>,
}

impl From<RawForm> for Form {
    fn from(raw: RawForm) -> Form {
        let elem = |raw: Option<Box<RawForm>>| Box::new(raw.map_or(Form::Other, |e| Form::from(*e)));
        match raw.kind.as_str() {
            "bool" => Form::Bool,
            "enum" => Form::Enum { values: raw.values },
            "str" => Form::Str,
            "int" => Form::Int { min: raw.min, max: raw.max },
            "list" => Form::List { elem: elem(raw.elem) },
            "attrs" => Form::Attrs { elem: elem(raw.elem) },
            "nullOr" => Form::NullOr { elem: elem(raw.elem) },
            _ => Form::Other,
        }
    }
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
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct EnumValue {
    /// How the choice is shown (a string as is, anything else as Nix).
    pub label: String,
    /// The value itself.
    pub value: Data,
}

/// A default or an example: `{ kind, text }`; `kind` is `value` for a Nix
/// value printed as Nix, or `literalExpression` / `literalMD` for text.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Doc {
    /// What the text is.
    pub kind: String,
    /// The text.
    pub text: String,
}

/// Where an option was declared.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Declaration {
    /// The file.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column, when known.
    pub column: Option<u32>,
}

/// One option the user's modules declare (a subset of `optionData`'s fields).
#[derive(Clone, Debug, PartialEq, Deserialize)]
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
