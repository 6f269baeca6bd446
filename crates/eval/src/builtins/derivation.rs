//! `derivationStrict`: evaluated attributes → `nixpen_store::DrvStore::instantiate`.

use std::collections::BTreeMap;

use nixpen_store::{ContextElem, DerivationInput};

use crate::error::*;
use crate::eval::coerce::CoerceMode;
use crate::eval::Interp;
use crate::expr::Span;
use crate::symbol::Sym;
use crate::value::*;

fn derivation_strict(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let attrs = it.force_attrs(a[0].clone(), sp).arg(0)?;
    let name = match attrs.get("name") {
        Some(n) => {
            let n = n.clone();
            it.force_str(n, sp).frame(Some(sp), || {
                "while evaluating the `name` attribute passed to builtins.derivationStrict".into()
            })?
        }
        None => return err_at(sp, "attribute 'name' missing"),
    };
    let name = name.s.to_string();
    let name_pos = attrs.find("name").map(|i| attrs.entries[i].2).unwrap_or(sp);
    let name_pos_text = it.pos_string(name_pos);
    let drv_frame = move || {
        format!("while evaluating derivation '{}'\nwhose name attribute is located at {}", "{NAME}", name_pos_text)
    };
    let r = strict_inner(it, &attrs, &name, sp);
    let nm = name.clone();
    r.frame(None, move || drv_frame().replace("{NAME}", &nm))
}

/// Attributes that `__structuredAttrs` replaces by `outputChecks`.
const LEGACY_CHECKS: &[&str] = &[
    "allowedReferences",
    "allowedRequisites",
    "disallowedReferences",
    "disallowedRequisites",
    "maxClosureSize",
    "maxSize",
];

fn strict_inner(it: &mut Interp, attrs: &Attrs, name: &str, sp: Span) -> R<Value> {
    let name = name.to_string();
    let ignore_nulls = match attrs.get("__ignoreNulls") {
        Some(v) => it.force_bool(v.clone(), sp)?,
        None => false,
    };
    let structured = match attrs.get("__structuredAttrs") {
        Some(v) => it.force_bool(v.clone(), sp)?,
        None => false,
    };
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    let mut args = Vec::new();
    let mut ctx = Context::new();
    let mut json_entries: Vec<(String, String)> = Vec::new();
    let mut outputs_override: Option<Vec<String>> = None;
    for (k, v, apos) in attrs.entries.iter() {
        let key = k.as_str();
        let apos = *apos;
        if key == "__ignoreNulls" || (structured && key == "__structuredAttrs") {
            continue;
        }
        let val = it.force(v.clone())?;
        if ignore_nulls && matches!(val, Value::Null) {
            continue;
        }
        if matches!(key, "__contentAddressed" | "__impure") {
            it.force_bool(val.clone(), sp)?;
        }
        if structured && LEGACY_CHECKS.contains(&key) {
            let msg = format!(
                "'structuredAttrs' disables the effect of the derivation attribute '{key}'; use 'outputChecks.<output>.{key}' instead"
            );
            let frames = vec![(None, format!("while evaluating derivation '{name}'"))];
            let text = crate::error::render_warning(&msg, Some(apos), frames, &it.cache.files);
            it.message(text);
        }
        let frame = || format!("while evaluating attribute '{key}' of derivation '{name}'");
        let sp_attr = apos;
        if key == "args" {
            let l = it.force_list(val, sp).frame(Some(sp_attr), frame)?;
            for x in l.iter() {
                let s = it.coerce_to_string(x.clone(), CoerceMode::ToStringCopy, sp).frame(Some(sp_attr), frame)?;
                ctx.extend(s.context());
                args.push(s.s.to_string());
            }
            continue;
        }
        if structured {
            let mut c = Context::new();
            let j = crate::print::json::to_json(it, val.clone(), true, &mut c, sp).frame(Some(sp_attr), frame)?;
            ctx.extend(c);
            if key == "outputs" {
                let l = it.force_list(val.clone(), sp)?;
                let mut outs = Vec::new();
                for o in l.iter() {
                    outs.push(it.force_str(o.clone(), sp)?.s.to_string());
                }
                outputs_override = Some(outs);
            }
            if matches!(key, "builder" | "system" | "outputHash" | "outputHashAlgo" | "outputHashMode") {
                let s = it.coerce_to_string(val, CoerceMode::ToString, sp)?;
                env.insert(key.to_string(), s.s.to_string());
            }
            json_entries.push((key.to_string(), j));
            continue;
        }
        let s = it.coerce_to_string(val, CoerceMode::ToStringCopy, sp).frame(Some(sp_attr), frame)?;
        ctx.extend(s.context());
        env.insert(key.to_string(), s.s.to_string());
    }
    let mut input = if structured {
        let mut json = String::from("{");
        for (i, (k, v)) in json_entries.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            crate::print::json::json_str(k, &mut json);
            json.push(':');
            json.push_str(v);
        }
        json.push('}');
        let mut input = DerivationInput::from_env(&name, env.clone(), args, ctx);
        let mut e = BTreeMap::new();
        e.insert("__json".to_string(), json);
        input.env = e;
        input.outputs = outputs_override;
        input
    } else {
        DerivationInput::from_env(&name, env, args, ctx)
    };
    input.name = name.clone();
    if let Some(outs) = &input.outputs {
        if let Some(bad) = outs.iter().find(|o| o.as_str() == "drvPath") {
            return err_at(sp, format!("invalid derivation output name '{bad}'"));
        }
    }
    let r = match it.store.instantiate(input) {
        Ok(r) => r,
        Err(e) => return err_at(sp, e.message().to_string()),
    };
    for w in &r.warnings {
        it.message(format!("warning: {w}"));
    }
    let mut entries = Vec::new();
    let mut dctx = Context::new();
    dctx.insert(ContextElem::DrvDeep(r.drv_path.clone()));
    entries.push((Sym::new("drvPath"), Value::string(r.drv_path.clone(), Some(dctx)), sp));
    for (out, path) in &r.outputs {
        let mut c = Context::new();
        c.insert(ContextElem::Built { drv_path: r.drv_path.clone(), output: out.clone() });
        entries.push((Sym::new(out), Value::string(path.clone(), Some(c)), sp));
    }
    Ok(Value::attrs(AttrSet::from_unsorted(entries)))
}

/// The family.
pub static PRIMOPS: &[PrimOp] = &[PrimOp { name: "derivationStrict", arity: 1, f: derivation_strict }];
