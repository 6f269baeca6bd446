//! The TOML an author writes: `course.toml` (the course) and `step.toml`
//! (a step, with its hints and checks), read as they are written; turning
//! them into the bundle's types is `load`'s and `checks`' work.

use serde::Deserialize;

/// `course.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseToml {
    /// The course's title.
    pub title: String,
    /// One or two sentences saying what it teaches.
    pub summary: String,
    /// The steps' folder names, in order.
    pub steps: Vec<String>,
}

/// `step.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepToml {
    /// The step's title.
    pub title: String,
    /// `"exercise"` (the default) or `"reading"`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The file the playground evaluates (default: `flake.nix` when the
    /// starting files have one, else `configuration.nix`).
    #[serde(default)]
    pub entry: Option<String>,
    /// Which of a flake's `nixosConfigurations` to render.
    #[serde(default)]
    pub attr: Option<String>,
    /// Hints in Markdown, revealed one at a time.
    #[serde(default)]
    pub hints: Vec<String>,
    /// The checks (`[[check]]` tables).
    #[serde(default, rename = "check")]
    pub checks: Vec<CheckToml>,
}

/// One `[[check]]` table: exactly one subject key (`unit`, `nginx`,
/// `port`, `etc`, `option`, `config`, `output`, `evaluates`, `error`,
/// `warning`) and the detail keys that go with it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckToml {
    /// The sentence the learner reads, if not the generated one.
    pub label: Option<String>,
    /// Options forced before looking: option path → value.
    pub with: Option<toml::Table>,

    /// Subject: a systemd unit's file name.
    pub unit: Option<String>,
    /// Subject: a directive of nginx.conf (text), or nginx.conf itself (`true`/`false`).
    pub nginx: Option<toml::Value>,
    /// Subject: a port of the firewall.
    pub port: Option<i64>,
    /// Subject: a file under /etc.
    pub etc: Option<String>,
    /// Subject: an option the learner's modules declare.
    pub option: Option<String>,
    /// Subject: a value below `config`.
    pub config: Option<String>,
    /// Subject: an output of the flake.
    pub output: Option<String>,
    /// Subject: evaluation succeeds (`true`).
    pub evaluates: Option<bool>,
    /// Subject: evaluation fails with a message containing this.
    pub error: Option<String>,
    /// Subject: a warning mentions this.
    pub warning: Option<String>,

    /// With `unit`: the key to read.
    pub key: Option<String>,
    /// With `unit` and `key`: the section the key must be in.
    pub section: Option<String>,
    /// Text tests (with `unit`+`key`, `etc`, `output`); with `config`,
    /// the value (any TOML value).
    pub equals: Option<toml::Value>,
    /// Text test: contains.
    pub contains: Option<String>,
    /// Text test: matches a regular expression.
    pub matches: Option<String>,
    /// Text test: does not contain.
    pub omits: Option<String>,
    /// `false`: the subject must not exist.
    pub exists: Option<bool>,
    /// With `port`: `false` for a port that must stay closed.
    pub open: Option<bool>,
    /// With `port`: `"tcp"` (the default) or `"udp"`.
    pub protocol: Option<String>,
    /// With `port`: an interface whose own ports count too.
    pub interface: Option<String>,
    /// With `option`: the type as a Nix expression over `lib.types`
    /// (`port`, `listOf str`).
    #[serde(rename = "type")]
    pub type_expr: Option<String>,
    /// With `option`: the type's description, as NixOS prints it.
    pub type_description: Option<String>,
    /// With `option`: the default value.
    pub default: Option<toml::Value>,
    /// With `error`: the file (relative to the playground).
    pub file: Option<String>,
    /// With `error`: the line.
    pub line: Option<u32>,
    /// With `error`: the column.
    pub column: Option<u32>,
}
