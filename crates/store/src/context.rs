//! String context elements: what a Nix string remembers about the store
//! paths it mentions, in the encoding Nix 2.8 uses.

use std::fmt;

/// One element of a string's context.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContextElem {
    /// A plain store path (a source, a `toFile` result): encoded as the path.
    Opaque(String),
    /// A `.drv` path itself, as `drv.drvPath` carries it: the derivation
    /// and its whole closure become inputs. Encoded `=<drv path>`.
    DrvDeep(String),
    /// An output of a derivation, as `drv.outPath` carries it. Encoded
    /// `!<output>!<drv path>`.
    Built {
        /// The `.drv` path.
        drv_path: String,
        /// The output name.
        output: String,
    },
}

impl ContextElem {
    /// Decodes Nix 2.8's string form (`/…`, `=/…`, `!out!/…`).
    ///
    /// ```
    /// use nixpen_store::ContextElem;
    /// let e = ContextElem::parse("!dev!/nix/store/abc-x.drv").unwrap();
    /// assert_eq!(e, ContextElem::Built { drv_path: "/nix/store/abc-x.drv".into(), output: "dev".into() });
    /// assert_eq!(e.to_string(), "!dev!/nix/store/abc-x.drv");
    /// ```
    pub fn parse(text: &str) -> Option<ContextElem> {
        if let Some(rest) = text.strip_prefix('=') {
            Some(ContextElem::DrvDeep(rest.to_string()))
        } else if let Some(rest) = text.strip_prefix('!') {
            let (output, drv_path) = rest.split_once('!')?;
            Some(ContextElem::Built { drv_path: drv_path.to_string(), output: output.to_string() })
        } else {
            Some(ContextElem::Opaque(text.to_string()))
        }
    }

    /// The store path this element is about (the `.drv` for derivations).
    pub fn path(&self) -> &str {
        match self {
            ContextElem::Opaque(path) | ContextElem::DrvDeep(path) => path,
            ContextElem::Built { drv_path, .. } => drv_path,
        }
    }
}

impl fmt::Display for ContextElem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContextElem::Opaque(path) => f.write_str(path),
            ContextElem::DrvDeep(path) => write!(f, "={path}"),
            ContextElem::Built { drv_path, output } => write!(f, "!{output}!{drv_path}"),
        }
    }
}
