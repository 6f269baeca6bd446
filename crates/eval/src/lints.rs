//! Current Nix's `lint-*` settings: what the parser does with absolute
//! and home path literals, relative path literals without `./`, and URL
//! literals — nothing, a warning, or a parse error.

/// What a lint does (Nix's `Diagnose`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Diagnose {
    /// Nothing (the default).
    #[default]
    Ignore,
    /// A warning, then the literal is read as usual.
    Warn,
    /// A parse error.
    Fatal,
}

impl Diagnose {
    /// Reads a setting's value (`ignore`, `warn`, `fatal`); the error is
    /// Nix's for a bad value of setting `name`.
    pub fn parse(name: &str, value: &str) -> Result<Diagnose, String> {
        match value {
            "ignore" => Ok(Diagnose::Ignore),
            "warn" => Ok(Diagnose::Warn),
            "fatal" => Ok(Diagnose::Fatal),
            _ => Err(format!("option '{name}' has invalid value '{value}' (expected 'ignore', 'warn', or 'fatal')")),
        }
    }
}

/// The lint settings of an evaluation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lints {
    /// `lint-absolute-path-literals`: `/abs` and `~/home` paths.
    pub absolute_path_literals: Diagnose,
    /// `lint-short-path-literals`: relative paths not starting with `.`.
    pub short_path_literals: Diagnose,
    /// `lint-url-literals`: unquoted URLs.
    pub url_literals: Diagnose,
}

impl Lints {
    /// Sets the lint named by a Nix setting (`lint-url-literals`, …, and
    /// the deprecated `warn-short-path-literals`, a Boolean); `Ok(false)`
    /// when `name` is no lint setting.
    pub fn set(&mut self, name: &str, value: &str) -> Result<bool, String> {
        let slot = match name {
            "lint-absolute-path-literals" => &mut self.absolute_path_literals,
            "lint-short-path-literals" => &mut self.short_path_literals,
            "lint-url-literals" => &mut self.url_literals,
            "warn-short-path-literals" => {
                self.short_path_literals = match value {
                    "true" | "1" | "yes" => Diagnose::Warn,
                    "false" | "0" | "no" => Diagnose::Ignore,
                    _ => return Err(format!("invalid Boolean value '{value}' for setting '{name}'")),
                };
                return Ok(true);
            }
            _ => return Ok(false),
        };
        *slot = Diagnose::parse(name, value)?;
        Ok(true)
    }

    /// Whether every lint is off (files may then come from a snapshot,
    /// lowered without lints).
    pub fn all_ignored(&self) -> bool {
        *self == Lints::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_by_name() {
        let mut l = Lints::default();
        assert_eq!(l.set("lint-url-literals", "fatal"), Ok(true));
        assert_eq!(l.set("warn-short-path-literals", "true"), Ok(true));
        assert_eq!(l.set("max-jobs", "1"), Ok(false));
        assert_eq!(l.url_literals, Diagnose::Fatal);
        assert_eq!(l.short_path_literals, Diagnose::Warn);
        assert!(l.set("lint-absolute-path-literals", "loud").is_err());
        assert!(!l.all_ignored());
    }
}
