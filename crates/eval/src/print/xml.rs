//! `--xml` output (`builtins.toXML`).

use crate::error::*;
use crate::eval::Interp;
use crate::expr::{Param, Span};
use crate::value::*;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            // Nix's XMLWriter escapes newlines only (carriage returns
            // and tabs are written as they are).
            '\n' => o.push_str("&#xA;"),
            c => o.push(c),
        }
    }
    o
}

/// Prints a value as Nix's XML (forcing it deeply).
pub fn to_xml(it: &mut Interp, v: Value, location: bool, strict: bool) -> R<String> {
    let mut out = String::from("<?xml version='1.0' encoding='utf-8'?>\n<expr>\n");
    let v = it.force(v)?;
    let mut opts = Opts { location, strict, seen: Vec::new(), charged: 0 };
    write(it, v, 1, &mut out, &mut opts)?;
    out.push_str("</expr>\n");
    Ok(out)
}

/// How to print: with source positions (`nix-instantiate --xml` without
/// `--no-location`), and forcing what is not yet evaluated (`--strict`).
/// Also the `drvPath`s of the derivations written so far (a derivation met
/// again is written as `<repeated />`, as Nix does).
struct Opts {
    location: bool,
    strict: bool,
    seen: Vec<String>,
    /// How much of the text is counted against the memory budget already.
    charged: usize,
}

/// The XML attributes of a position, with `name` (if any) in its place:
/// Nix writes them in name order, ` column="C" line="L" name="N" path="P"`,
/// with no path for an expression given on the command line.
fn pos_attrs(it: &Interp, sp: Span, name: Option<&str>) -> String {
    let mut out = String::new();
    let file = it.cache.files.get(sp.file);
    if let Some(f) = file {
        let (line, col) = f.line_col(sp.off);
        out.push_str(&format!(" column=\"{col}\" line=\"{line}\""));
    }
    if let Some(name) = name {
        out.push_str(&format!(" name=\"{}\"", esc(name)));
    }
    if let Some(f) = file.filter(|f| f.path.starts_with('/')) {
        out.push_str(&format!(" path=\"{}\"", esc(&f.path)));
    }
    out
}

/// As in Nix (`addCallDepth`), each nesting level counts against
/// `max-call-depth`; and the text written counts against the memory
/// budget, so a value that is its own member ends in an error, not in
/// an endless document.
fn write(it: &mut Interp, v: Value, ind: usize, out: &mut String, opts: &mut Opts) -> R<()> {
    it.depth += 1;
    let result = if it.depth > it.config.limits.max_depth {
        err_kind(ErrKind::Limit, None, "stack overflow; max-call-depth exceeded")
    } else {
        write_nested(it, v, ind, out, opts)
    };
    it.depth -= 1;
    result?;
    let new = out.len().saturating_sub(opts.charged);
    opts.charged = out.len();
    it.alloc(new)
}

fn write_nested(it: &mut Interp, v: Value, ind: usize, out: &mut String, opts: &mut Opts) -> R<()> {
    it.check_stack()?;
    let location = opts.location;
    let v = match v {
        Value::Thunk(id) if !opts.strict => match it.peek_thunk(id) {
            Some(v) => v,
            None => Value::Thunk(id),
        },
        v => it.force(v)?,
    };
    let pad = "  ".repeat(ind);
    match &v {
        Value::Null => out.push_str(&format!("{pad}<null />\n")),
        Value::Bool(b) => out.push_str(&format!("{pad}<bool value=\"{b}\" />\n")),
        Value::Int(i) => out.push_str(&format!("{pad}<int value=\"{i}\" />\n")),
        Value::Float(f) => out.push_str(&format!("{pad}<float value=\"{}\" />\n", super::fmt_float(*f))),
        Value::Str(s) => out.push_str(&format!("{pad}<string value=\"{}\" />\n", esc(&s.s))),
        Value::Path(p) => out.push_str(&format!("{pad}<path value=\"{}\" />\n", esc(p))),
        Value::List(l) => {
            // Nix's XMLWriter opens and closes an element even when it
            // holds nothing: `<list>` and `</list>` on two lines.
            out.push_str(&format!("{pad}<list>\n"));
            for x in l.iter() {
                write(it, x.clone(), ind + 1, out, opts)?;
            }
            out.push_str(&format!("{pad}</list>\n"));
        }
        Value::Attrs(a) => {
            if it.is_derivation(a)? {
                let mut xml_attrs = String::new();
                let mut drv_path = None;
                for (name, key) in [("drvPath", "drvPath"), ("outPath", "outPath")] {
                    let Some(x) = a.get(key) else { continue };
                    let x = if opts.strict { it.force(x.clone())? } else { x.clone() };
                    if let Value::Str(s) = x {
                        xml_attrs.push_str(&format!(" {name}=\"{}\"", esc(&s.s)));
                        if name == "drvPath" {
                            drv_path = Some(s.s.to_string());
                        }
                    }
                }
                out.push_str(&format!("{pad}<derivation{xml_attrs}>\n"));
                match drv_path {
                    Some(p) if !opts.seen.contains(&p) => {
                        opts.seen.push(p);
                        write_attrs(it, a, ind, out, opts)?;
                    }
                    _ => out.push_str(&format!("{pad}  <repeated />\n")),
                }
                out.push_str(&format!("{pad}</derivation>\n"));
                return Ok(());
            }
            out.push_str(&format!("{pad}<attrs>\n"));
            write_attrs(it, a, ind, out, opts)?;
            out.push_str(&format!("{pad}</attrs>\n"));
        }
        Value::Lambda(c) => {
            let pos = if location { pos_attrs(it, c.def.span, None) } else { String::new() };
            out.push_str(&format!("{pad}<function{pos}>\n"));
            match &c.def.param {
                Param::Ident(n) => out.push_str(&format!("{pad}  <varpat name=\"{}\" />\n", esc(n.as_str()))),
                Param::Formals { formals, ellipsis, at, .. } => {
                    let mut attrs = String::new();
                    if *ellipsis {
                        attrs.push_str(" ellipsis=\"1\"");
                    }
                    if let Some(a) = at {
                        attrs.push_str(&format!(" name=\"{}\"", esc(a.as_str())));
                    }
                    if formals.is_empty() {
                        out.push_str(&format!("{pad}  <attrspat{attrs} />\n"));
                    } else {
                        out.push_str(&format!("{pad}  <attrspat{attrs}>\n"));
                        let mut names: Vec<&str> = formals.iter().map(|f| f.0.as_str()).collect();
                        nixpen_store::sort::sort(&mut names);
                        for n in names {
                            out.push_str(&format!("{pad}    <attr name=\"{}\" />\n", esc(n)));
                        }
                        out.push_str(&format!("{pad}  </attrspat>\n"));
                    }
                }
            }
            out.push_str(&format!("{pad}</function>\n"));
        }
        Value::Prim(_) => out.push_str(&format!("{pad}<unevaluated />\n")),
        Value::Thunk(_) => out.push_str(&format!("{pad}<unevaluated />\n")),
    }
    Ok(())
}

/// The `<attr>` elements of a set (or of a derivation), one level deeper
/// than `ind`.
fn write_attrs(it: &mut Interp, a: &Attrs, ind: usize, out: &mut String, opts: &mut Opts) -> R<()> {
    let pad = "  ".repeat(ind);
    for (k, x, sp) in a.entries.iter() {
        let attrs =
            if opts.location { pos_attrs(it, *sp, Some(k.as_str())) } else { format!(" name=\"{}\"", esc(k.as_str())) };
        out.push_str(&format!("{pad}  <attr{attrs}>\n"));
        write(it, x.clone(), ind + 2, out, opts)?;
        out.push_str(&format!("{pad}  </attr>\n"));
    }
    Ok(())
}
