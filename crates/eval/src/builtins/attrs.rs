//! Attribute-set builtins.

use std::collections::BTreeMap;

use crate::error::*;
use crate::eval::Interp;
use crate::expr::Span;
use crate::symbol::Sym;
use crate::value::*;

fn attr_names(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_attrs(a[0].clone(), sp).arg(0)?;
    Ok(Value::list(s.entries.iter().map(|e| it.name_value(&e.0)).collect()))
}

fn attr_values(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_attrs(a[0].clone(), sp).arg(0)?;
    Ok(Value::list(s.entries.iter().map(|e| e.1.clone()).collect()))
}

fn has_attr(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let n = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let s = it.force_attrs(a[1].clone(), sp).arg(1)?;
    Ok(Value::Bool(s.get(&n.s).is_some()))
}

fn get_attr(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let n = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let s = it.force_attrs(a[1].clone(), sp).arg(1)?;
    match s.get(&n.s) {
        Some(v) => {
            let v = v.clone();
            it.force(v)
        }
        None => err_at(sp, format!("attribute '{}' missing", n.s)),
    }
}

fn remove_attrs(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_attrs(a[0].clone(), sp).arg(0)?;
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    // The positions of the names to remove, each found by binary search:
    // removing m names from a set of n costs m searches and one copy (a
    // comparison of every entry with every name had made `filterAttrs`
    // quadratic).
    let mut gone = Vec::with_capacity(l.len());
    for x in l.iter() {
        let name = it.force_str_no_ctx(x.clone(), sp)?;
        gone.extend(s.find(&name.s));
    }
    if gone.is_empty() {
        return Ok(Value::Attrs(s));
    }
    nixpen_store::sort::sort(&mut gone);
    gone.dedup();
    let len = s.len() - gone.len();
    it.alloc(len * Attrs::ENTRY_BYTES)?;
    let (mut from, mut skipped) = (0, 0);
    let set = AttrSet::build(len, |_| {
        while gone.get(skipped) == Some(&from) {
            skipped += 1;
            from += 1;
        }
        from += 1;
        s.entries[from - 1].clone()
    });
    Ok(Value::attrs(set))
}

fn list_to_attrs(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let l = it.force_list(a[0].clone(), sp).arg(0)?;
    let mut entries: Vec<(Sym, Value, Span)> = Vec::with_capacity(l.len());
    for x in l.iter() {
        let e = it.force_attrs(x.clone(), sp)?;
        let name = match e.get_sym(&it.syms.name) {
            Some(n) => it.force_str_no_ctx(n.clone(), sp)?,
            None => return err_at(sp, "attribute 'name' missing"),
        };
        let value = match e.get_sym(&it.syms.value) {
            Some(v) => v.clone(),
            None => return err_at(sp, "attribute 'value' missing"),
        };
        entries.push((Sym::new(&name.s), value, sp));
    }
    // First occurrence wins: stable sort, then keep the first of each run.
    nixpen_store::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
    entries.dedup_by(|later, earlier| later.0 == earlier.0);
    it.alloc(entries.len() * Attrs::ENTRY_BYTES)?;
    Ok(Value::attrs(AttrSet::new(entries)))
}

fn map_attrs(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let f = a[0].clone();
    let s = it.force_attrs(a[1].clone(), sp).arg(1)?;
    it.alloc(s.len() * Attrs::ENTRY_BYTES)?;
    let set = AttrSet::build(s.len(), |i| {
        let (k, v, _) = &s.entries[i];
        let name = it.name_value(k);
        // New attributes have no source position (as in Nix).
        (*k, it.lazy_apply2(f.clone(), name, v.clone(), sp), Span::default())
    });
    Ok(Value::attrs(set))
}

fn intersect_attrs(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let x = it.force_attrs(a[0].clone(), sp).arg(0)?;
    let y = it.force_attrs(a[1].clone(), sp).arg(1)?;
    // `y`'s entries whose names `x` has: the smaller set's names are looked
    // up in the bigger one (`intersectAttrs (functionArgs f) pkgs`, as
    // `callPackage` does, then costs a few searches, not one per package).
    let entries: Vec<_> = if x.len() < y.len() {
        x.entries.iter().filter_map(|e| y.find_sym(&e.0)).map(|i| y.entries[i].clone()).collect()
    } else {
        y.entries.iter().filter(|e| x.find_sym(&e.0).is_some()).cloned().collect()
    };
    it.alloc(entries.len() * Attrs::ENTRY_BYTES)?;
    Ok(Value::attrs(AttrSet::new(entries)))
}

fn cat_attrs(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let n = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    let mut out = Vec::new();
    for x in l.iter() {
        let s = it.force_attrs(x.clone(), sp)?;
        if let Some(v) = s.get(&n.s) {
            out.push(v.clone());
        }
    }
    Ok(Value::list(out))
}

fn zip_attrs_with(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let f = it.force_fn(a[0].clone(), sp).arg(0)?;
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    let mut groups: BTreeMap<Sym, (Vec<Value>, Span)> = BTreeMap::new();
    for x in l.iter() {
        let s = it.force_attrs(x.clone(), sp)?;
        for (k, v, p) in s.entries.iter() {
            groups.entry(*k).or_insert_with(|| (Vec::new(), *p)).0.push(v.clone());
        }
    }
    let mut entries = Vec::with_capacity(groups.len());
    for (k, (vs, p)) in groups {
        let name = it.name_value(&k);
        let r = it.lazy_apply2(f.clone(), name, Value::list(vs), sp);
        entries.push((k, r, p));
    }
    Ok(Value::attrs(AttrSet::new(entries)))
}

fn group_by(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let f = it.force_fn(a[0].clone(), sp).arg(0)?;
    let l = it.force_list(a[1].clone(), sp).arg(1)?;
    let mut groups: BTreeMap<Sym, Vec<Value>> = BTreeMap::new();
    let mut call = crate::eval::UnaryCall::new(&f);
    it.with_repeated_calls(sp, |it| {
        for x in l.iter() {
            let k = it.unary_call(&mut call, x.clone(), sp)?;
            let k = it.force_str_no_ctx(k, sp)?;
            groups.entry(Sym::new(&k.s)).or_default().push(x.clone());
        }
        Ok(())
    })?;
    let entries = groups.into_iter().map(|(k, v)| (k, Value::list(v), sp)).collect();
    Ok(Value::attrs(AttrSet::new(entries)))
}

/// The family.
pub static PRIMOPS: &[PrimOp] = &[
    PrimOp { name: "attrNames", arity: 1, f: attr_names },
    PrimOp { name: "attrValues", arity: 1, f: attr_values },
    PrimOp { name: "hasAttr", arity: 2, f: has_attr },
    PrimOp { name: "getAttr", arity: 2, f: get_attr },
    PrimOp { name: "removeAttrs", arity: 2, f: remove_attrs },
    PrimOp { name: "listToAttrs", arity: 1, f: list_to_attrs },
    PrimOp { name: "mapAttrs", arity: 2, f: map_attrs },
    PrimOp { name: "intersectAttrs", arity: 2, f: intersect_attrs },
    PrimOp { name: "catAttrs", arity: 2, f: cat_attrs },
    PrimOp { name: "zipAttrsWith", arity: 2, f: zip_attrs_with },
    PrimOp { name: "groupBy", arity: 2, f: group_by },
];
