//! Checks as data: what a step's result must show. Each [`Check`] carries
//! the sentence the learner reads (written at build time), the options to
//! force before looking (`with`), and a [`Test`] on what was observed.
//! In JSON (the bundle) they are what the judges, written in Nix
//! (`<nixpkgs/nixpen/lesson-checks.nix>`), read with `builtins.fromJSON`.

use serde::{Deserialize, Serialize};

/// One check of a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// What the check asks, as the learner reads it ("The unit
    /// `nginx.service` exists"); Markdown's backticks mark code.
    pub label: String,
    /// Options forced (`lib.mkForce`) in the configuration this check looks
    /// at, in order; empty: the learner's configuration as it is. This is
    /// how a check says "the result must follow the option, not a value
    /// written into the code".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<Setting>,
    /// What must hold.
    pub test: Test,
}

/// One option forced by a check's `with`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setting {
    /// The option's path, such as `xeserv.services.gohello.port` (a name
    /// holding dots in double quotes).
    pub option: String,
    /// Its value, as JSON (`8080`, `"hello.example.org"`): the judges
    /// force `lib.mkForce (builtins.fromJSON …)` of it.
    pub value: serde_json::Value,
}

/// A test on an observed result. "Present" flags say whether the thing
/// must exist (`true`) or must not (`false`). In JSON, an object with one
/// key naming the kind (`unitKey`), whose fields are camelCase:
/// `{"option":{"name":"a.port","present":true,"typeDescription":null,"default":"3031"}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Test {
    /// A systemd unit file (`nginx.service`) exists, or does not.
    Unit {
        /// The unit's file name.
        unit: String,
        /// Whether it must exist.
        present: bool,
    },
    /// A key of a unit (`ExecStart`), in any section or in `section`,
    /// passes a text test; a key written several times passes when one of
    /// its values does (for [`TextTest::Omits`]: when none contains it).
    UnitKey {
        /// The unit's file name.
        unit: String,
        /// The section (`Service`), if it matters.
        section: Option<String>,
        /// The key.
        key: String,
        /// The test on its value.
        text: TextTest,
    },
    /// `nginx.conf` holds a directive (`server_name example.org`): a line
    /// whose words begin with the directive's words; or, without a
    /// directive, nginx.conf exists. `present = false` asks the opposite.
    Nginx {
        /// The directive's words, or `None` for the file itself.
        directive: Option<String>,
        /// Whether it must be there.
        present: bool,
    },
    /// The firewall lets a port in (on every interface, or on
    /// `interface`), or keeps it closed.
    Port {
        /// The port.
        port: u32,
        /// TCP or UDP.
        protocol: Protocol,
        /// The interface whose own list counts too, if any.
        interface: Option<String>,
        /// Whether it must be open.
        open: bool,
    },
    /// A file under `/etc` exists (and passes a text test), or does not.
    Etc {
        /// Its path relative to `/etc` (`hostname`, `nginx/nginx.conf`).
        path: String,
        /// A test on its text.
        text: Option<TextTest>,
        /// Whether it must exist.
        present: bool,
    },
    /// The learner's own modules declare an option (with a type and a
    /// default, if given), or do not.
    Option {
        /// The option's path.
        name: String,
        /// Whether it must be declared.
        present: bool,
        /// The type's description as NixOS prints it (`16 bit unsigned
        /// integer; between 0 and 65535 (both inclusive)`).
        type_description: Option<String>,
        /// The default as `lib.nixpen.toText` prints it (`3031`).
        default: Option<String>,
    },
    /// A value of the configuration (`config.networking.hostName`), as
    /// `lib.nixpen.toText` prints it, equals this text (spaces and line
    /// breaks aside).
    Value {
        /// The path below `config`.
        path: String,
        /// The expected value's text.
        equals: String,
    },
    /// A flake has an output (`packages.x86_64-linux.default`), whose
    /// text (`<derivation NAME>` for a package) passes a test; or has not.
    Output {
        /// The output's path.
        path: String,
        /// A test on its text.
        text: Option<TextTest>,
        /// Whether it must exist.
        present: bool,
    },
    /// The configuration evaluates without an error.
    Evaluates,
    /// Evaluation fails with an error whose message contains a text, at a
    /// position (each part only if given).
    Error {
        /// Text the message contains.
        contains: String,
        /// The file, relative to the playground (`flake.nix`).
        file: Option<String>,
        /// The line, from 1.
        line: Option<u32>,
        /// The column, from 1.
        column: Option<u32>,
    },
    /// A warning (NixOS's `warnings`, or one the evaluator printed)
    /// mentions a text, or none does.
    Warning {
        /// The text.
        contains: String,
        /// Whether such a warning must be there.
        present: bool,
    },
}

/// A test on a piece of text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TextTest {
    /// The text is exactly this.
    Equals(String),
    /// The text contains this.
    Contains(String),
    /// The text matches this regular expression: POSIX extended, as
    /// `builtins.split` reads it, searched anywhere (`^` and `$` are the
    /// text's ends).
    Matches(String),
    /// The text does not contain this.
    Omits(String),
}

/// A transport protocol of the firewall.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_as_the_bundle_holds_it() {
        let check = Check {
            label: "l".into(),
            with: vec![Setting { option: "a.port".into(), value: 8080.into() }],
            test: Test::Option {
                name: "a.port".into(),
                present: true,
                type_description: Some("t".into()),
                default: None,
            },
        };
        let json = serde_json::to_string(&check).unwrap();
        assert_eq!(
            json,
            r#"{"label":"l","with":[{"option":"a.port","value":8080}],"test":{"option":{"name":"a.port","present":true,"typeDescription":"t","default":null}}}"#
        );
        assert_eq!(serde_json::from_str::<Check>(&json).unwrap(), check);
        let plain: Check = serde_json::from_str(r#"{"label":"x","test":"evaluates"}"#).unwrap();
        assert_eq!((plain.with.len(), plain.test), (0, Test::Evaluates));
    }
}
