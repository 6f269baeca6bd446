//! Printing values as `nix-instantiate --eval` does (Nix syntax), plus
//! helpers shared by the JSON and XML printers.

pub mod json;
pub mod xml;

use std::collections::HashSet;
use std::rc::Rc;

use crate::error::*;
use crate::eval::Interp;
use crate::expr::{AttrName, BinOp, Expr, StrPart};
use crate::value::*;

/// Formats a float as C++ `ostream << double` does (`%g`, 6 significant digits).
pub fn fmt_float(f: f64) -> String {
    if f.is_nan() {
        return if f.is_sign_negative() { "-nan".into() } else { "nan".into() };
    }
    if f.is_infinite() {
        return if f < 0.0 { "-inf".into() } else { "inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    let p = 6i32;
    let e = format!("{:.*e}", (p - 1) as usize, f);
    let (mant, exp) = e.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    if exp < -4 || exp >= p {
        let mant = trim_zeros(mant);
        format!("{}e{}{:02}", mant, if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        let decimals = (p - 1 - exp).max(0) as usize;
        trim_zeros(&format!("{:.*}", decimals, f)).to_string()
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// Quotes and escapes a string as Nix prints it.
pub fn escape_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    nixpen_store::aterm::push_escaped(&mut out, s, true);
    out.push('"');
    out
}

/// Names Nix quotes when it prints them as attribute names (its
/// `isReservedKeyword`; `or` is not one).
const KEYWORDS: &[&str] = &["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit"];

/// An attribute name, quoted unless it is a plain identifier.
pub fn attr_name(s: &str) -> String {
    let mut chars = s.chars();
    let ok = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {
            chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '\'' || c == '-')
        }
        _ => false,
    };
    if ok && !KEYWORDS.contains(&s) {
        s.to_string()
    } else {
        escape_str(s)
    }
}

/// Prints a value in Nix syntax. `strict` forces everything first.
pub fn print_nix(it: &mut Interp, v: Value, strict: bool) -> R<String> {
    let mut out = String::new();
    let mut seen = HashSet::new();
    let v = it.force(v)?;
    print_rec(it, &v, strict, &mut out, &mut seen, false, None)?;
    Ok(out)
}

/// Prints a value for `trace` (unevaluated parts as `«thunk»`, no forcing).
pub fn print_trace(it: &mut Interp, v: &Value) -> String {
    let mut out = String::new();
    let mut seen = HashSet::new();
    let _ = print_rec(it, v, false, &mut out, &mut seen, true, None);
    out
}

fn print_rec(
    it: &mut Interp,
    v: &Value,
    strict: bool,
    out: &mut String,
    seen: &mut HashSet<usize>,
    trace: bool,
    via: Option<u32>,
) -> R<()> {
    it.check_stack()?;
    // Lists are identified like Nix identifies `Value`s: by the thunk they
    // were reached through (sets by their contents).
    let (v, via) = match v {
        Value::Thunk(id) if strict => (it.force(v.clone())?, Some(id.0)),
        v => (v.clone(), via),
    };
    match &v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&fmt_float(*f)),
        Value::Str(s) => out.push_str(&escape_str(&s.s)),
        Value::Path(p) => out.push_str(p),
        Value::Lambda(_) => out.push_str(if trace { "«lambda»" } else { "<LAMBDA>" }),
        Value::Prim(p) => out.push_str(if p.args.is_empty() { "<PRIMOP>" } else { "<PRIMOP-APP>" }),
        Value::Thunk(id) => match it.peek_thunk(*id) {
            Some(v) => return print_rec(it, &v, strict, out, seen, trace, Some(id.0)),
            None => out.push_str(if trace { "«thunk»" } else { "<CODE>" }),
        },
        Value::Attrs(a) => {
            if !a.is_empty() && !seen.insert(a.as_ptr() as usize) {
                out.push_str("«repeated»");
                return Ok(());
            }
            if strict && it.is_derivation(a)? {
                if let Some(p) = a.get("drvPath") {
                    let p = it.force(p.clone())?;
                    if let Value::Str(s) = p {
                        out.push_str(&format!("«derivation {}»", s.s));
                        return Ok(());
                    }
                }
            }
            if a.is_empty() {
                out.push_str("{ }");
                return Ok(());
            }
            out.push_str("{ ");
            for (k, x, _) in a.entries.iter() {
                out.push_str(&attr_name(k.as_str()));
                out.push_str(" = ");
                print_rec(it, x, strict, out, seen, trace, None)?;
                out.push_str("; ");
            }
            out.push('}');
        }
        Value::List(l) => {
            let key = match via {
                Some(id) => (id as usize) | (1usize << (usize::BITS - 1)),
                None => Rc::as_ptr(l) as *const u8 as usize,
            };
            if !l.is_empty() && !seen.insert(key) {
                out.push_str("«repeated»");
                return Ok(());
            }
            if l.is_empty() {
                out.push_str("[ ]");
                return Ok(());
            }
            out.push_str("[ ");
            for x in l.iter() {
                print_rec(it, x, strict, out, seen, trace, None)?;
                out.push(' ');
            }
            out.push(']');
        }
    }
    Ok(())
}

/// Prints a lowered expression as Nix's `Expr::show` does (assertion messages).
pub fn show_expr(e: &Expr) -> String {
    let mut out = String::new();
    show_into(e, &mut out);
    out
}

fn show_attr_path(path: &[AttrName], out: &mut String) {
    for (i, a) in path.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        match a {
            AttrName::Static(s, _) => out.push_str(&attr_name(s.as_str())),
            AttrName::Dynamic(e) => {
                out.push_str("\"${");
                show_into(e, out);
                out.push_str("}\"");
            }
        }
    }
}

/// A set literal as Nix's `ExprAttrs::showBindings` shows it: the plain
/// `inherit`s in one, the `inherit (from)`s grouped by source in source
/// order, then the other bindings, each group in name order.
fn show_attrs(def: &crate::expr::AttrsDef, out: &mut String) {
    use crate::expr::BindingValue;
    if def.rec {
        out.push_str("rec ");
    }
    out.push_str("{ ");
    let inherits: Vec<&str> =
        def.statics.iter().filter(|b| matches!(b.value, BindingValue::Inherit(_))).map(|b| b.name.as_str()).collect();
    if !inherits.is_empty() {
        out.push_str("inherit");
        for name in inherits {
            out.push(' ');
            out.push_str(&attr_name(name));
        }
        out.push_str("; ");
    }
    let mut froms: Vec<(u32, Vec<&str>)> = Vec::new();
    for b in &def.statics {
        if let BindingValue::InheritFrom { slot, .. } = &b.value {
            match froms.iter_mut().find(|(s, _)| s == slot) {
                Some((_, names)) => names.push(b.name.as_str()),
                None => froms.push((*slot, vec![b.name.as_str()])),
            }
        }
    }
    nixpen_store::sort::sort_by(&mut froms, |a, b| a.0.cmp(&b.0));
    for (slot, names) in froms {
        out.push_str("inherit (");
        if let Some(from) = def.froms.get(slot as usize - if def.rec { def.statics.len() } else { 0 }) {
            show_into(from, out);
        }
        out.push(')');
        for name in names {
            out.push(' ');
            out.push_str(&attr_name(name));
        }
        out.push_str("; ");
    }
    for b in &def.statics {
        if let BindingValue::Expr(v) = &b.value {
            out.push_str(&attr_name(b.name.as_str()));
            out.push_str(" = ");
            show_into(v, out);
            out.push_str("; ");
        }
    }
    for (k, v, _) in &def.dynamics {
        out.push_str("\"${");
        show_into(k, out);
        out.push_str("}\" = ");
        show_into(v, out);
        out.push_str("; ");
    }
    out.push('}');
}

fn show_into(e: &Expr, out: &mut String) {
    use crate::expr::{Param, PathKind};
    match e {
        Expr::Int(i) => out.push_str(&i.to_string()),
        Expr::Float(f) => out.push_str(&fmt_float(*f)),
        Expr::Str(s) => out.push_str(&escape_str(&s.s)),
        Expr::Var(_, _, _, n) | Expr::WithVar(n, _, _) => out.push_str(n.as_str()),
        Expr::Global(g, _) => out.push_str(crate::builtins::global_names()[*g as usize]),
        Expr::Path(kind, parts, _) => {
            if *kind == PathKind::Home {
                out.push('~');
            }
            for p in parts {
                match p {
                    StrPart::Lit(t) => out.push_str(t),
                    StrPart::Interp(x, _) => {
                        out.push_str("${");
                        show_into(x, out);
                        out.push('}');
                    }
                }
            }
        }
        Expr::SearchPath(n, _) => out.push_str(&format!("<{n}>")),
        Expr::Interp(parts, _) => {
            out.push('(');
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    out.push_str(" + ");
                }
                match p {
                    StrPart::Lit(t) => out.push_str(&escape_str(t)),
                    StrPart::Interp(x, _) => show_into(x, out),
                }
            }
            out.push(')');
        }
        Expr::Attrs(def, _) => show_attrs(def, out),
        Expr::Let(def, body) => {
            out.push_str("(let ");
            for b in &def.statics {
                if let crate::expr::BindingValue::Expr(v) = &b.value {
                    out.push_str(&format!("{} = ", attr_name(b.name.as_str())));
                    show_into(v, out);
                    out.push_str("; ");
                } else {
                    out.push_str(&format!("inherit {}; ", attr_name(b.name.as_str())));
                }
            }
            out.push_str("in ");
            show_into(body, out);
            out.push(')');
        }
        Expr::List(items) => {
            out.push_str("[ ");
            for i in items {
                out.push('(');
                show_into(i, out);
                out.push_str(") ");
            }
            out.push(']');
        }
        Expr::Select(x, path, default, _) => {
            out.push('(');
            show_into(x, out);
            out.push_str(").");
            show_attr_path(path, out);
            if let Some(d) = default {
                out.push_str(" or (");
                show_into(d, out);
                out.push(')');
            }
        }
        Expr::HasAttr(x, path, _) => {
            out.push_str("((");
            show_into(x, out);
            out.push_str(") ? ");
            show_attr_path(path, out);
            out.push(')');
        }
        Expr::Apply(f, args, _) => {
            out.push('(');
            show_into(f, out);
            for a in args {
                out.push(' ');
                show_into(a, out);
            }
            out.push(')');
        }
        Expr::Lambda(def) => {
            out.push('(');
            match &def.param {
                Param::Ident(n) => out.push_str(n.as_str()),
                Param::Formals { formals, ellipsis, at, .. } => {
                    out.push_str("{ ");
                    let mut first = true;
                    for (n, d, _) in formals {
                        if !first {
                            out.push_str(", ");
                        }
                        first = false;
                        out.push_str(n.as_str());
                        if let Some(d) = d {
                            out.push_str(" ? ");
                            show_into(d, out);
                        }
                    }
                    if *ellipsis {
                        if !first {
                            out.push_str(", ");
                        }
                        out.push_str("...");
                    }
                    out.push_str(" }");
                    if let Some(a) = at {
                        out.push_str(&format!(" @ {a}"));
                    }
                }
            }
            out.push_str(": ");
            show_into(&def.body, out);
            out.push(')');
        }
        Expr::If(c, t, f, _) => {
            out.push_str("(if ");
            show_into(c, out);
            out.push_str(" then ");
            show_into(t, out);
            out.push_str(" else ");
            show_into(f, out);
            out.push(')');
        }
        Expr::Assert(c, b, _) => {
            out.push_str("(assert ");
            show_into(c, out);
            out.push_str("; ");
            show_into(b, out);
            out.push(')');
        }
        Expr::With(ns, b, _) => {
            out.push_str("(with ");
            show_into(ns, out);
            out.push_str("; ");
            show_into(b, out);
            out.push(')');
        }
        // Nix parses these as calls of builtins, and shows them so.
        Expr::Bin(BinOp::Sub, l, r, _) => show_call("__sub", l, r, false, out),
        Expr::Bin(BinOp::Mul, l, r, _) => show_call("__mul", l, r, false, out),
        Expr::Bin(BinOp::Div, l, r, _) => show_call("__div", l, r, false, out),
        Expr::Bin(BinOp::Lt, l, r, _) => show_call("__lessThan", l, r, false, out),
        Expr::Bin(BinOp::Gt, l, r, _) => show_call("__lessThan", r, l, false, out),
        Expr::Bin(BinOp::Le, l, r, _) => show_call("__lessThan", r, l, true, out),
        Expr::Bin(BinOp::Ge, l, r, _) => show_call("__lessThan", l, r, true, out),
        Expr::Bin(op, l, r, _) => {
            out.push('(');
            show_into(l, out);
            out.push_str(&format!(" {} ", op.symbol()));
            show_into(r, out);
            out.push(')');
        }
        Expr::Not(x, _) => {
            out.push_str("(! ");
            show_into(x, out);
            out.push(')');
        }
        Expr::Neg(x, _) => {
            out.push_str("(__sub 0 ");
            show_into(x, out);
            out.push(')');
        }
        Expr::CurPos(_) => out.push_str("__curPos"),
    }
}

/// `(f a b)`, or `(! (f a b))` when `not`.
fn show_call(f: &str, a: &Expr, b: &Expr, not: bool, out: &mut String) {
    if not {
        out.push_str("(! ");
    }
    out.push('(');
    out.push_str(f);
    out.push(' ');
    show_into(a, out);
    out.push(' ');
    show_into(b, out);
    out.push(')');
    if not {
        out.push(')');
    }
}

/// Budgets for printing values inside error messages (as Nix's `errorPrintOptions`).
struct ErrPrint {
    attrs: usize,
    items: usize,
}

/// Prints a value for an error message: unevaluated parts as `«thunk»`,
/// at most 10 attributes / list items in all, strings up to 1024 bytes.
pub fn print_error_value(it: &Interp, v: &Value) -> String {
    let mut out = String::new();
    let mut st = ErrPrint { attrs: 0, items: 0 };
    err_rec(it, v, &mut out, &mut st, 0);
    out
}

fn err_rec(it: &Interp, v: &Value, out: &mut String, st: &mut ErrPrint, depth: usize) {
    let v = match v {
        Value::Thunk(id) => match it.peek_thunk(*id) {
            Some(v) => v,
            None => {
                out.push_str("«thunk»");
                return;
            }
        },
        v => v.clone(),
    };
    match &v {
        Value::Str(s) => {
            if s.s.len() > 1024 {
                let mut cut = 1024;
                while !s.s.is_char_boundary(cut) {
                    cut -= 1;
                }
                out.push_str(&escape_str(&s.s[..cut])[..]);
                out.pop();
                out.push_str(&format!("\"«{} bytes elided»", s.s.len() - cut));
            } else {
                out.push_str(&escape_str(&s.s));
            }
        }
        Value::Lambda(c) => {
            let pos = it.pos_string(c.def.span);
            match &c.def.name {
                Some(n) => out.push_str(&format!("«lambda {n} @ {pos}»")),
                None => out.push_str(&format!("«lambda @ {pos}»")),
            }
        }
        Value::Prim(p) if p.args.is_empty() => out.push_str(&format!("«primop {}»", p.op.name)),
        Value::Prim(p) => out.push_str(&format!("«partially applied primop {}»", p.op.name)),
        Value::Attrs(a) => {
            if depth >= 10 {
                out.push_str("{ … }");
                return;
            }
            if a.is_empty() {
                out.push_str("{ }");
                return;
            }
            out.push_str("{ ");
            let n = a.len();
            for (i, (k, x, _)) in a.entries.iter().enumerate() {
                if st.attrs >= 10 {
                    let left = n - i;
                    out.push_str(&format!("«{left} attribute{} elided» ", if left == 1 { "" } else { "s" }));
                    break;
                }
                out.push_str(&attr_name(k.as_str()));
                out.push_str(" = ");
                err_rec(it, x, out, st, depth + 1);
                out.push_str("; ");
                st.attrs += 1;
            }
            out.push('}');
        }
        Value::List(l) => {
            if depth >= 10 {
                out.push_str("[ … ]");
                return;
            }
            if l.is_empty() {
                out.push_str("[ ]");
                return;
            }
            out.push_str("[ ");
            let n = l.len();
            for (i, x) in l.iter().enumerate() {
                if st.items >= 10 {
                    let left = n - i;
                    out.push_str(&format!("«{left} item{} elided» ", if left == 1 { "" } else { "s" }));
                    break;
                }
                err_rec(it, x, out, st, depth + 1);
                out.push(' ');
                st.items += 1;
            }
            out.push(']');
        }
        Value::Thunk(_) => out.push_str("«thunk»"),
        v => out.push_str(&scalar_text(v)),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => fmt_float(*f),
        Value::Path(p) => p.to_string(),
        _ => String::new(),
    }
}
