//! `--xml` output (`builtins.toXML`).

use crate::error::*;
use crate::eval::Interp;
use crate::expr::Param;
use crate::value::*;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\n' => o.push_str("&#xA;"),
            '\r' => o.push_str("&#xD;"),
            '\t' => o.push_str("&#x9;"),
            c => o.push(c),
        }
    }
    o
}

/// Prints a value as Nix's XML (forcing it deeply).
pub fn to_xml(it: &mut Interp, v: Value, location: bool) -> R<String> {
    let mut out = String::from("<?xml version='1.0' encoding='utf-8'?>\n<expr>\n");
    write(it, v, 1, &mut out, location)?;
    out.push_str("</expr>\n");
    Ok(out)
}

fn write(it: &mut Interp, v: Value, ind: usize, out: &mut String, location: bool) -> R<()> {
    it.check_stack()?;
    let v = it.force(v)?;
    let pad = "  ".repeat(ind);
    match &v {
        Value::Null => out.push_str(&format!("{pad}<null />\n")),
        Value::Bool(b) => out.push_str(&format!("{pad}<bool value=\"{b}\" />\n")),
        Value::Int(i) => out.push_str(&format!("{pad}<int value=\"{i}\" />\n")),
        Value::Float(f) => out.push_str(&format!("{pad}<float value=\"{}\" />\n", super::fmt_float(*f))),
        Value::Str(s) => out.push_str(&format!("{pad}<string value=\"{}\" />\n", esc(&s.s))),
        Value::Path(p) => out.push_str(&format!("{pad}<path value=\"{}\" />\n", esc(p))),
        Value::List(l) => {
            if l.is_empty() {
                out.push_str(&format!("{pad}<list />\n"));
            } else {
                out.push_str(&format!("{pad}<list>\n"));
                for x in l.iter() {
                    write(it, x.clone(), ind + 1, out, location)?;
                }
                out.push_str(&format!("{pad}</list>\n"));
            }
        }
        Value::Attrs(a) => {
            if it.is_derivation(a)? {
                out.push_str(&format!("{pad}<derivation>\n"));
                out.push_str(&format!("{pad}</derivation>\n"));
                return Ok(());
            }
            if a.is_empty() {
                out.push_str(&format!("{pad}<attrs />\n"));
                return Ok(());
            }
            out.push_str(&format!("{pad}<attrs>\n"));
            for (k, x, _) in a.entries.iter() {
                out.push_str(&format!("{pad}  <attr name=\"{}\">\n", esc(k.as_str())));
                write(it, x.clone(), ind + 2, out, location)?;
                out.push_str(&format!("{pad}  </attr>\n"));
            }
            out.push_str(&format!("{pad}</attrs>\n"));
        }
        Value::Lambda(c) => {
            out.push_str(&format!("{pad}<function>\n"));
            match &c.def.param {
                Param::Ident(n) => out.push_str(&format!("{pad}  <varpat name=\"{}\" />\n", esc(n.as_str()))),
                Param::Formals { formals, ellipsis, at } => {
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
                        names.sort();
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
