//! The ATerm text of a `.drv` file, written exactly as Nix writes it.
//!
//! ```text
//! Derive([("out","/nix/store/…-x","","")],[("/nix/store/…-dep.drv",["out"])],
//!        ["/nix/store/…-src"],"x86_64-linux","/bin/sh",["-c","…"],[("out","/nix/store/…-x")])
//! ```
//!
//! Output names and paths, input paths, hash fields and the system are
//! written between quotes without escaping (as Nix does); the builder,
//! arguments and environment are escaped (`"` `\` newline, CR, tab).

use crate::derivation::{Derivation, DerivationOutput};
use crate::hash::HashFormat;
use std::collections::{BTreeMap, BTreeSet};

/// Appends `s` in quotes, escaping `"`, `\`, `\n`, `\r`, `\t`.
///
/// ```
/// let mut out = String::new();
/// nixpen_store::aterm::write_escaped(&mut out, "a\"b\\\n");
/// assert_eq!(out, r#""a\"b\\\n""#);
/// ```
pub fn write_escaped(out: &mut String, s: &str) {
    out.push('"');
    push_escaped(out, s, false);
    out.push('"');
}

/// Appends `s` with `"`, `\`, `\n`, `\r` and `\t` escaped, as in ATerm
/// and Nix strings, and with `$` escaped before `{` too when `dollar_brace`
/// is set (Nix strings). Runs without a character to escape are copied
/// whole (the characters escaped are ASCII, so runs end on character
/// boundaries).
///
/// ```
/// let mut out = String::new();
/// nixpen_store::aterm::push_escaped(&mut out, "${x}\t$y", true);
/// assert_eq!(out, r#"\${x}\t$y"#);
/// ```
pub fn push_escaped(out: &mut String, s: &str, dollar_brace: bool) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            b'$' if dollar_brace && bytes.get(i + 1) == Some(&b'{') => "\\$",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(escaped);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// Appends `s` in quotes, unescaped.
pub fn write_plain(out: &mut String, s: &str) {
    out.push('"');
    out.push_str(s);
    out.push('"');
}

fn write_list<'a>(out: &mut String, items: impl IntoIterator<Item = &'a String>, escape: bool) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if escape {
            write_escaped(out, item)
        } else {
            write_plain(out, item)
        }
    }
    out.push(']');
}

/// Nix's `Derivation::unparse`. With `mask_outputs`, output paths and the
/// environment variables named after outputs are written empty. With
/// `input_replacements`, that map (written as is, sorted) stands in for
/// `inputDrvs`, as in `hashDerivationModulo`.
pub fn unparse(
    drv: &Derivation,
    mask_outputs: bool,
    input_replacements: Option<&BTreeMap<String, BTreeSet<String>>>,
) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("Derive([");
    for (i, (name, output)) in drv.outputs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('(');
        write_plain(&mut out, name);
        let (path, algo, hash) = match output {
            DerivationOutput::InputAddressed { path } => {
                (if mask_outputs { String::new() } else { path.clone() }, String::new(), String::new())
            }
            DerivationOutput::Fixed { method, hash, path } => {
                let path = if mask_outputs { String::new() } else { path.clone() };
                (path, format!("{}{}", method.prefix(), hash.algo().name()), hash.encode(HashFormat::Base16, false))
            }
            DerivationOutput::Deferred => (String::new(), String::new(), String::new()),
        };
        for field in [path, algo, hash] {
            out.push(',');
            write_plain(&mut out, &field);
        }
        out.push(')');
    }
    out.push_str("],[");
    let inputs = input_replacements.unwrap_or(&drv.input_drvs);
    for (i, (path, outputs)) in inputs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('(');
        write_plain(&mut out, path);
        out.push(',');
        write_list(&mut out, outputs, false);
        out.push(')');
    }
    out.push_str("],");
    write_list(&mut out, &drv.input_srcs, false);
    out.push(',');
    write_plain(&mut out, &drv.system);
    out.push(',');
    write_escaped(&mut out, &drv.builder);
    out.push(',');
    write_list(&mut out, &drv.args, true);
    out.push_str(",[");
    for (i, (key, value)) in drv.env.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('(');
        write_escaped(&mut out, key);
        out.push(',');
        let masked = mask_outputs && drv.outputs.contains_key(key);
        write_escaped(&mut out, if masked { "" } else { value });
        out.push(')');
    }
    out.push_str("])");
    out
}
