//! String builtins, string context and hashing.

use std::rc::Rc;

use nixpen_store::{ContextElem, Hash, HashAlgo};

use crate::error::*;
use crate::eval::coerce::CoerceMode;
use crate::eval::Interp;
use crate::expr::Span;
use crate::print::json;
use crate::symbol::Sym;
use crate::value::*;

fn to_string(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.coerce_to_string(a[0].clone(), CoerceMode::ToString, sp).arg(0)?;
    Ok(Value::Str(s))
}

fn string_length(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.coerce_to_string(a[0].clone(), CoerceMode::Interp { copy: true }, sp).arg(0)?;
    Ok(Value::Int(crate::bytes::byte_len(&s.s) as i64))
}

fn substring(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let start = it.force_int(a[0].clone(), sp).arg(0)?;
    let len = it.force_int(a[1].clone(), sp).arg(1)?;
    let s = it.coerce_to_string(a[2].clone(), CoerceMode::Interp { copy: true }, sp).arg(2)?;
    if start < 0 {
        return err_at(sp, "negative start position in 'substring'");
    }
    // Only a raw byte before the end of the slice moves the offsets, so only
    // that prefix is looked at (substring is called in loops over long strings).
    let text = s.s.as_bytes();
    let end = if len < 0 { text.len() } else { (start as usize).saturating_add(len as usize).min(text.len()) };
    let raw;
    let bytes = if crate::bytes::may_hold_raw(&text[..end]) && crate::bytes::has_raw(&s.s) {
        raw = crate::bytes::encode(&s.s);
        &raw[..]
    } else {
        s.s.as_bytes()
    };
    let start = (start as usize).min(bytes.len());
    let end = if len < 0 { bytes.len() } else { start.saturating_add(len as usize).min(bytes.len()) };
    let sub = crate::bytes::decode(&bytes[start..end]);
    Ok(Value::string(sub, s.ctx.as_deref().cloned()))
}

fn concat_strings_sep(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let sep = it.force_str(a[0].clone(), sp).arg(0)?;
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    let mut out = String::new();
    let mut ctx: Option<Context> = sep.ctx.as_deref().cloned();
    for (i, x) in l.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep.s);
        }
        let s = it.coerce_to_string(x.clone(), CoerceMode::Interp { copy: true }, sp)?;
        out.push_str(&s.s);
        if let Some(c) = &s.ctx {
            ctx.get_or_insert_with(Context::new).extend(c.iter().cloned());
        }
    }
    it.alloc(out.len())?;
    Ok(Value::string(out, ctx))
}

fn replace_strings(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let from_l = it.force_list(a[0].clone(), sp).arg(0)?;
    let to_l = it.force_list(a[1].clone(), sp).arg(1)?;
    if from_l.len() != to_l.len() {
        return err_at(sp, "'from' and 'to' arguments passed to builtins.replaceStrings have different lengths");
    }
    let s = it.coerce_to_string(a[2].clone(), CoerceMode::Interp { copy: true }, sp).arg(2)?;
    let mut from = Vec::new();
    for x in from_l.iter() {
        from.push(it.force_str(x.clone(), sp)?);
    }

    let mut to: Vec<Option<Rc<NixStr>>> = vec![None; to_l.len()];
    let mut out = String::new();
    let mut ctx: Option<Context> = s.ctx.as_deref().cloned();
    let src = s.s.as_bytes();
    let mut i = 0;
    let mut out_bytes: Vec<u8> = Vec::with_capacity(src.len());
    while i <= src.len() {
        let mut matched = false;
        for (k, f) in from.iter().enumerate() {
            let fb = f.s.as_bytes();
            if src[i..].starts_with(fb) {
                if to[k].is_none() {
                    to[k] = Some(it.force_str(to_l[k].clone(), sp)?);
                }
                let t = to[k].as_ref().unwrap();
                out_bytes.extend_from_slice(t.s.as_bytes());
                if let Some(c) = &t.ctx {
                    ctx.get_or_insert_with(Context::new).extend(c.iter().cloned());
                }
                if fb.is_empty() {
                    if i < src.len() {
                        out_bytes.push(src[i]);
                    }
                    i += 1;
                } else {
                    i += fb.len();
                }
                matched = true;
                break;
            }
        }
        if !matched {
            if i < src.len() {
                out_bytes.push(src[i]);
            }
            i += 1;
        }
    }
    out.push_str(&String::from_utf8_lossy(&out_bytes));
    it.alloc(out.len())?;
    Ok(Value::string(out, ctx))
}

fn hash_string(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let algo = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let algo = match HashAlgo::from_name(&algo.s) {
        Some(a) => a,
        None => {
            return err_at(
                sp,
                format!("unknown hash algorithm '{}', expect 'blake3', 'md5', 'sha1', 'sha256', or 'sha512'", algo.s),
            )
        }
    };
    let s = it.force_str(a[1].clone(), sp).arg(1)?;
    Ok(Value::str(&Hash::of(algo, &crate::bytes::as_bytes(&s.s)).to_base16()))
}

fn discard_context(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str(a[0].clone(), sp).arg(0)?;
    Ok(Value::str(&s.s))
}

fn has_context(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str(a[0].clone(), sp).arg(0)?;
    Ok(Value::Bool(s.ctx.as_ref().is_some_and(|c| !c.is_empty())))
}

fn discard_output_dependency(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str(a[0].clone(), sp).arg(0)?;
    // Inserted one by one: collecting into the set would sort the elements
    // first, with a sort compiled for this one type.
    let ctx: Option<Context> = s.ctx.as_ref().map(|c| {
        let mut out = Context::new();
        for e in c.iter() {
            out.insert(match e {
                ContextElem::DrvDeep(p) => ContextElem::Opaque(p.clone()),
                e => e.clone(),
            });
        }
        out
    });
    Ok(Value::string(s.s.to_string(), ctx))
}

fn add_drv_output_dependencies(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str(a[0].clone(), sp).arg(0)?;
    let c = s.context();
    if c.len() != 1 {
        return err_at(sp, format!("context of string '{}' must have exactly one element, but has {}", s.s, c.len()));
    }
    let e = c.into_iter().next().unwrap();
    let new = match e {
        ContextElem::Opaque(p) if p.ends_with(".drv") => ContextElem::DrvDeep(p),
        ContextElem::Opaque(p) => {
            return err_at(sp, format!("path '{p}' is not a derivation"));
        }
        ContextElem::Built { drv_path, output } => {
            return err_at(
                sp,
                format!("`addDrvOutputDependencies` can only act on derivations, not on a derivation output such as '{output}'")
                    .replace("{drv_path}", &drv_path),
            );
        }
        e => e,
    };
    let mut ctx = Context::new();
    ctx.insert(new);
    Ok(Value::string(s.s.to_string(), Some(ctx)))
}

fn get_context(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str(a[0].clone(), sp).arg(0)?;
    let mut map: std::collections::BTreeMap<String, (bool, Vec<String>)> = Default::default();
    for e in s.context() {
        match e {
            ContextElem::Opaque(p) => map.entry(p).or_default().0 = true,
            ContextElem::DrvDeep(p) => {
                map.entry(p).or_default();
            }
            ContextElem::Built { drv_path, output } => map.entry(drv_path).or_default().1.push(output),
        }
    }
    // DrvDeep needs its own flag: recompute.
    let mut entries = Vec::new();
    for (p, (path, outs)) in map {
        let deep = s.context().contains(&ContextElem::DrvDeep(p.clone()));
        let mut fields = Vec::new();
        if deep {
            fields.push(("allOutputs", Value::Bool(true)));
        }
        if !outs.is_empty() {
            let mut outs = outs;
            nixpen_store::sort::sort(&mut outs);
            fields.push(("outputs", Value::list(outs.iter().map(|o| Value::str(o)).collect())));
        }
        if path {
            fields.push(("path", Value::Bool(true)));
        }
        entries.push((Sym::new(&p), super::mk_attrs(fields), sp));
    }
    Ok(Value::attrs(AttrSet::from_unsorted(entries)))
}

fn append_context(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str(a[0].clone(), sp).arg(0)?;
    let c = it.force_attrs(a[1].clone(), sp).arg(1)?;
    let mut ctx = s.context();
    for (p, v, _) in c.entries.iter() {
        let p = p.as_str().to_string();
        if !it.store.store_dir().is_store_path(&p) {
            return err_at(sp, format!("context key '{p}' is not a store path"));
        }
        let info = it.force_attrs(v.clone(), sp)?;
        if let Some(x) = info.get("path") {
            if it.force_bool(x.clone(), sp)? {
                ctx.insert(ContextElem::Opaque(p.clone()));
            }
        }
        if let Some(x) = info.get("allOutputs") {
            if it.force_bool(x.clone(), sp)? {
                if !p.ends_with(".drv") {
                    return err_at(
                        sp,
                        format!("tried to add all-outputs context of {p}, which is not a derivation, to a string"),
                    );
                }
                ctx.insert(ContextElem::DrvDeep(p.clone()));
            }
        }
        if let Some(x) = info.get("outputs") {
            let outs = it.force_list(x.clone(), sp)?;
            if !outs.is_empty() && !p.ends_with(".drv") {
                return err_at(
                    sp,
                    format!("tried to add derivation output context of {p}, which is not a derivation, to a string"),
                );
            }
            for o in outs.iter() {
                let o = it.force_str(o.clone(), sp)?;
                ctx.insert(ContextElem::Built { drv_path: p.clone(), output: o.s.to_string() });
            }
        }
    }
    Ok(Value::string(s.s.to_string(), Some(ctx)))
}

fn to_json(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let mut ctx = Context::new();
    let s = json::to_json(it, a[0].clone(), true, &mut ctx, sp)?;
    Ok(Value::string(s, Some(ctx)))
}

fn from_json(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    match json::from_json(it, &s.s) {
        Ok(v) => Ok(v),
        Err(m) => err_at(sp, m).frame(Some(sp), || "while decoding a JSON string".into()),
    }
}

fn to_xml(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let _ = sp;
    let s = crate::print::xml::to_xml(it, a[0].clone(), false, true)?;
    Ok(Value::str(&s))
}

fn placeholder(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    Ok(Value::str(&nixpen_store::placeholder(&s.s)))
}

fn to_file(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let name = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let s = it.force_str(a[1].clone(), sp).arg(1)?;
    match it.store.to_file(&name.s, s.s.as_bytes(), &s.context()) {
        Ok(p) => {
            let mut c = Context::new();
            c.insert(ContextElem::Opaque(p.clone()));
            Ok(Value::string(p, Some(c)))
        }
        Err(e) => err_at(sp, e.message().to_string()),
    }
}

fn convert_hash(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let args = it.force_attrs(a[0].clone(), sp).arg(0)?;
    let text = match args.get("hash") {
        Some(h) => it.force_str_no_ctx(h.clone(), sp)?,
        None => return err_at(sp, "attribute 'hash' missing"),
    };
    let algo = match args.get("hashAlgo") {
        Some(x) => {
            let n = it.force_str_no_ctx(x.clone(), sp)?;
            match HashAlgo::from_name(&n.s) {
                Some(a) => Some(a),
                None => return err_at(sp, format!("unknown hash algorithm '{}'", n.s)),
            }
        }
        None => None,
    };
    let format = match args.get("toHashFormat") {
        Some(f) => {
            let n = it.force_str_no_ctx(f.clone(), sp)?;
            if &*n.s == "base32" {
                it.message("warning: \"base32\" is a deprecated alias for hash format \"nix32\".".into());
            }
            match nixpen_store::HashFormat::from_name(&n.s) {
                Some(f) => f,
                None => return err_at(sp, format!("unknown hash format '{}'", n.s)),
            }
        }
        None => return err_at(sp, "attribute 'toHashFormat' missing"),
    };
    match Hash::parse_any(&text.s, algo) {
        Ok(h) => Ok(Value::str(&h.encode(format, false))),
        Err(e) => err_at(sp, e.message().to_string()),
    }
}

/// The family.
pub static PRIMOPS: &[PrimOp] = &[
    PrimOp { name: "toString", arity: 1, f: to_string },
    PrimOp { name: "stringLength", arity: 1, f: string_length },
    PrimOp { name: "substring", arity: 3, f: substring },
    PrimOp { name: "concatStringsSep", arity: 2, f: concat_strings_sep },
    PrimOp { name: "replaceStrings", arity: 3, f: replace_strings },
    PrimOp { name: "hashString", arity: 2, f: hash_string },
    PrimOp { name: "convertHash", arity: 1, f: convert_hash },
    PrimOp { name: "unsafeDiscardStringContext", arity: 1, f: discard_context },
    PrimOp { name: "unsafeDiscardOutputDependency", arity: 1, f: discard_output_dependency },
    PrimOp { name: "addDrvOutputDependencies", arity: 1, f: add_drv_output_dependencies },
    PrimOp { name: "hasContext", arity: 1, f: has_context },
    PrimOp { name: "getContext", arity: 1, f: get_context },
    PrimOp { name: "appendContext", arity: 2, f: append_context },
    PrimOp { name: "toJSON", arity: 1, f: to_json },
    PrimOp { name: "fromJSON", arity: 1, f: from_json },
    PrimOp { name: "toXML", arity: 1, f: to_xml },
    PrimOp { name: "placeholder", arity: 1, f: placeholder },
    PrimOp { name: "toFile", arity: 2, f: to_file },
];
