//! Types, control flow, errors, tracing and reflection.

use super::mk_attrs;
use crate::error::*;
use crate::eval::Interp;
use crate::expr::{Param, Span};

use crate::value::*;

macro_rules! is_type {
    ($fname:ident, $pat:pat) => {
        fn $fname(it: &mut Interp, a: &[Value], _: Span) -> R<Value> {
            let v = it.force(a[0].clone())?;
            Ok(Value::Bool(matches!(v, $pat)))
        }
    };
}

is_type!(is_null, Value::Null);
is_type!(is_bool, Value::Bool(_));
is_type!(is_int, Value::Int(_));
is_type!(is_float, Value::Float(_));
is_type!(is_string, Value::Str(_));
is_type!(is_path, Value::Path(_));
is_type!(is_attrs, Value::Attrs(_));
is_type!(is_list, Value::List(_));
is_type!(is_function, Value::Lambda(_) | Value::Prim(_));

fn type_of(it: &mut Interp, a: &[Value], _: Span) -> R<Value> {
    let v = it.force(a[0].clone())?;
    Ok(Value::str(v.type_of()))
}

fn seq(it: &mut Interp, a: &[Value], _: Span) -> R<Value> {
    it.force(a[0].clone())?;
    it.force(a[1].clone())
}

fn deep_seq(it: &mut Interp, a: &[Value], _: Span) -> R<Value> {
    it.deep_force(a[0].clone())?;
    it.force(a[1].clone())
}

fn throw(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.coerce_to_string(a[0].clone(), crate::eval::coerce::CoerceMode::Interp { copy: false }, sp).arg(0)?;
    Err(Box::new(Error { kind: ErrKind::Throw, msg: s.s.to_string(), span: None, frames: Vec::new(), hint: None }))
}

fn abort(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.coerce_to_string(a[0].clone(), crate::eval::coerce::CoerceMode::Interp { copy: false }, sp).arg(0)?;
    Err(Box::new(Error {
        kind: ErrKind::Abort,
        msg: format!("evaluation aborted with the following error message: '{}'", s.s),
        span: None,
        frames: Vec::new(),
        hint: None,
    }))
}

fn trace(it: &mut Interp, a: &[Value], _: Span) -> R<Value> {
    let v = it.force(a[0].clone())?;
    let text = match &v {
        Value::Str(s) => s.s.to_string(),
        v => crate::print::print_trace(it, v),
    };
    it.message(format!("trace: {text}"));
    it.force(a[1].clone())
}

fn warn(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let s = it.force_str(a[0].clone(), sp).arg(0)?;
    if it.config.abort_on_warn {
        return err_at(sp, format!("{}", s.s)).frame(None, || "while evaluating a warning".into());
    }
    let text = if s.s.starts_with('\n') {
        format!("evaluation warning:{}", s.s)
    } else {
        format!("evaluation warning: {}", s.s.replace('\n', &format!("\n{}", " ".repeat(20))))
    };
    it.message(text);
    it.force(a[1].clone())
}

fn add_error_context(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let r = it.force(a[1].clone());
    match r {
        Ok(v) => Ok(v),
        Err(mut e) => {
            if let Ok(s) = it.force_str(a[0].clone(), sp) {
                e.frames.push((None, s.s.to_string()));
            }
            Err(e)
        }
    }
}

fn try_eval(it: &mut Interp, a: &[Value], _: Span) -> R<Value> {
    let depth = it.depth;
    let nmsg = it.messages.len();
    match it.force(a[0].clone()) {
        Ok(v) => Ok(mk_attrs(vec![("success", Value::Bool(true)), ("value", v)])),
        Err(e) if matches!(e.kind, ErrKind::Throw | ErrKind::Assert) => {
            it.depth = depth;
            let _ = nmsg;
            Ok(mk_attrs(vec![("success", Value::Bool(false)), ("value", Value::Bool(false))]))
        }
        Err(e) => Err(e),
    }
}

fn function_args(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    match it.force(a[0].clone())? {
        Value::Lambda(c) => match &c.def.param {
            Param::Ident(_) => Ok(mk_attrs(vec![])),
            Param::Formals { formals, .. } => {
                let entries = formals.iter().map(|(n, d, s)| (*n, Value::Bool(d.is_some()), *s)).collect();
                Ok(Value::attrs(AttrSet::from_unsorted(entries)))
            }
        },
        Value::Prim(_) => Ok(mk_attrs(vec![])),
        _ => err_at(sp, "'functionArgs' requires a function".to_string()),
    }
}

fn unsafe_get_attr_pos(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let name = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    let set = it.force_attrs(a[1].clone(), sp).arg(1)?;
    match set.find(&name.s) {
        Some(i) => {
            let span = set.entries[i].2;
            if it.cache.files.get(span.file).is_some() && span != Span::default() {
                Ok(it.pos_value(span))
            } else {
                Ok(Value::Null)
            }
        }
        None => Ok(Value::Null),
    }
}

fn get_env(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let name = it.force_str_no_ctx(a[0].clone(), sp).arg(0)?;
    match &it.config.env {
        Some(env) => {
            let value = env.get(&*name.s).cloned().unwrap_or_default();
            Ok(Value::string(crate::bytes::from_text(value), None))
        }
        None => err_at(sp, "builtins.getEnv is not available in the Nixpen playground"),
    }
}

fn import(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let p = it.force(a[0].clone())?;
    let path = match &p {
        Value::Path(p) => p.to_string(),
        _ => it.coerce_to_path(p, sp)?,
    };
    it.import(&path, sp)
}

fn scoped_import(it: &mut Interp, a: &[Value], sp: Span) -> R<Value> {
    let p = it.force(a[1].clone())?;
    let path = match &p {
        Value::Path(p) => p.to_string(),
        _ => it.coerce_to_path(p, sp)?,
    };
    it.scoped_import(a[0].clone(), &path, sp)
}

fn break_(it: &mut Interp, a: &[Value], _: Span) -> R<Value> {
    it.force(a[0].clone())
}

fn is_null_fn(it: &mut Interp, a: &[Value], s: Span) -> R<Value> {
    is_null(it, a, s)
}

fn get_attr_pos_dummy(_: &mut Interp, _: &[Value], _: Span) -> R<Value> {
    Ok(Value::Null)
}

fn trace_verbose(it: &mut Interp, a: &[Value], _: Span) -> R<Value> {
    it.force(a[1].clone())
}

/// The family.
pub static PRIMOPS: &[PrimOp] = &[
    PrimOp { name: "isNull", arity: 1, f: is_null_fn },
    PrimOp { name: "isBool", arity: 1, f: is_bool },
    PrimOp { name: "isInt", arity: 1, f: is_int },
    PrimOp { name: "isFloat", arity: 1, f: is_float },
    PrimOp { name: "isString", arity: 1, f: is_string },
    PrimOp { name: "isPath", arity: 1, f: is_path },
    PrimOp { name: "isAttrs", arity: 1, f: is_attrs },
    PrimOp { name: "isList", arity: 1, f: is_list },
    PrimOp { name: "isFunction", arity: 1, f: is_function },
    PrimOp { name: "typeOf", arity: 1, f: type_of },
    PrimOp { name: "seq", arity: 2, f: seq },
    PrimOp { name: "deepSeq", arity: 2, f: deep_seq },
    PrimOp { name: "throw", arity: 1, f: throw },
    PrimOp { name: "abort", arity: 1, f: abort },
    PrimOp { name: "trace", arity: 2, f: trace },
    PrimOp { name: "traceVerbose", arity: 2, f: trace_verbose },
    PrimOp { name: "warn", arity: 2, f: warn },
    PrimOp { name: "addErrorContext", arity: 2, f: add_error_context },
    PrimOp { name: "tryEval", arity: 1, f: try_eval },
    PrimOp { name: "functionArgs", arity: 1, f: function_args },
    PrimOp { name: "unsafeGetAttrPos", arity: 2, f: unsafe_get_attr_pos },
    PrimOp { name: "getEnv", arity: 1, f: get_env },
    PrimOp { name: "import", arity: 1, f: import },
    PrimOp { name: "scopedImport", arity: 2, f: scoped_import },
    PrimOp { name: "break", arity: 1, f: break_ },
    PrimOp { name: "unsafeGetLambdaPos", arity: 1, f: get_attr_pos_dummy },
];
