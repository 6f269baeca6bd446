//! Forms that work for any type: conditionals, `let`, `with`, `rec`,
//! `inherit`, calls, selections, `assert`, and the laziness and failure
//! forms (values never forced, `throw`, `abort`, failing assertions).

use super::{name_text, Gen, Ty};
use crate::expr::{atom, form, part, quote, seq, seq_part, Expr};

impl Gen<'_> {
    /// A form binding or choosing names around an expression of `ty`.
    pub fn scoping(&mut self, ty: &Ty, depth: usize) -> Expr {
        match self.rng.below(12) {
            0 => {
                let c = self.gen(&Ty::Bool, depth);
                let (a, b) = (self.gen(ty, depth), self.gen(ty, depth));
                form(&["(if ", " then ", " else ", ")"], vec![c, a, b])
            }
            1 | 2 => self.let_in(ty, depth),
            3 => self.with(ty, depth),
            4 => {
                let arg_ty = self.data_type(1);
                let f = self.lambda(&arg_ty, ty);
                let arg = self.gen(&arg_ty, depth);
                form(&["(", " ", ")"], vec![f, arg])
            }
            5 => self.select(ty, depth),
            6 => self.rec_set(ty, depth),
            7 => {
                // Mostly true: failing assertions come from `failure`.
                let c = self.gen(&Ty::Bool, depth);
                let e = self.gen(ty, depth);
                let open = if self.rng.chance(80) { "(assert (" } else { "(assert ((" };
                let mid = if open.len() == "(assert (".len() { ") || true; " } else { ") -> true); " };
                form(&[open, mid, ")"], vec![c, e])
            }
            8 => {
                let arg_ty = Ty::Set(vec![("a".into(), Ty::Int), ("b".into(), Ty::Str)]);
                let f = self.pattern_lambda(&[("a".into(), Ty::Int), ("b".into(), Ty::Str)], ty, depth);
                let arg = self.gen(&arg_ty, depth);
                form(&["(", " ", ")"], vec![f, arg])
            }
            9 => self.inherit_set(ty, depth),
            10 => {
                let name = self.var_name();
                let fun = Ty::fun(Ty::Int, ty.clone());
                let f = self.lambda(&Ty::Int, ty);
                let body = self.bind(&[(name.clone(), fun)], |g| {
                    let n = g.gen(&Ty::Int, 1);
                    form(&[&format!("{name} "), ""], vec![Gen::paren(n)])
                });
                form(&[&format!("(let {name} = "), "; in ", ")"], vec![f, body])
            }
            _ => {
                let names = ["seq", "deepSeq"];
                let which = self.rng.pick(&names);
                let t = self.data_type(1);
                let a = self.gen(&t, depth);
                let e = self.gen(ty, depth);
                form(&[&format!("(builtins.{which} "), " ", ")"], vec![Gen::paren(a), Gen::paren(e)])
            }
        }
    }

    /// `let` with a few bindings, each seeing the ones before it (and
    /// sometimes an `inherit`), around a body of `ty`.
    fn let_in(&mut self, ty: &Ty, depth: usize) -> Expr {
        let mut names: Vec<(String, Ty)> = Vec::new();
        let mut bindings = Vec::new();
        for _ in 0..1 + self.rng.below(3) {
            let name = self.var_name();
            if bindings_named(&names, &name) {
                continue;
            }
            let t = self.data_type(1);
            let value = self.bind(&names.clone(), |g| g.gen(&t, depth));
            bindings.push(part(&[&format!("{name} = "), ";"], vec![value]));
            names.push((name, t));
        }
        if self.rng.chance(20) {
            if let Some(v) = self.env.last().cloned() {
                if !names.iter().any(|(n, _)| *n == v.name) {
                    bindings.push(part(&[&format!("inherit {};", v.name)], vec![]));
                    names.push((v.name, v.ty));
                }
            }
        }
        let body = self.bind(&names, |g| g.gen(ty, depth));
        let binds = seq_part("", " ", "", bindings, 1);
        form(&["(let ", " in ", ")"], vec![binds, body])
    }

    /// `with` a set whose names the body uses.
    fn with(&mut self, ty: &Ty, depth: usize) -> Expr {
        let set_ty = self.data_type(2);
        let fields = match &set_ty {
            Ty::Set(f) => f.clone(),
            _ => vec![("a".to_string(), Ty::Int)],
        };
        let set = self.gen(&Ty::Set(fields.clone()), depth);
        let body = self.bind_with(&fields, |g| g.gen(ty, depth));
        form(&["(with ", "; ", ")"], vec![set, body])
    }

    /// A selection of `ty` from a set: `.name`, `.${…}`, `or`, `getAttr`.
    fn select(&mut self, ty: &Ty, depth: usize) -> Expr {
        let name = self.attr_name();
        let set = self.gen(&Ty::Set(vec![(name.clone(), ty.clone())]), depth);
        match self.rng.below(5) {
            0 => form(&["(", &format!(").${{{}}}", quote(&name))], vec![set]),
            1 => {
                let other = self.attr_name();
                let default = self.gen(ty, depth);
                form(&["(", &format!(").{} or ", name_text(&other)), ""], vec![set, Gen::paren(default)])
            }
            2 => form(&[&format!("(builtins.getAttr {} ", quote(&name)), ")"], vec![Gen::paren(set)]),
            _ => form(&["(", &format!(").{}", name_text(&name))], vec![set]),
        }
    }

    /// A `rec` set whose later names use earlier ones, selected.
    fn rec_set(&mut self, ty: &Ty, depth: usize) -> Expr {
        let mut names: Vec<(String, Ty)> = Vec::new();
        let mut bindings = Vec::new();
        let count = 1 + self.rng.below(3);
        for i in 0..count {
            let name = self.var_name();
            if names.iter().any(|(n, _)| *n == name) {
                continue;
            }
            let t = if i + 1 == count { ty.clone() } else { self.data_type(1) };
            let value = self.bind(&names.clone(), |g| g.gen(&t, depth));
            bindings.push(part(&[&format!("{name} = "), ";"], vec![value]));
            names.push((name, t));
        }
        let Some((last, _)) = names.last().cloned() else { return self.leaf(ty) };
        form(&["(", &format!(").{last}")], vec![seq("rec { ", " ", " }", bindings, 1)])
    }

    /// A set made with `inherit` and `inherit (…)`, selected.
    fn inherit_set(&mut self, ty: &Ty, depth: usize) -> Expr {
        let from = self.gen(&Ty::Set(vec![("a".into(), ty.clone()), ("b".into(), Ty::Int)]), depth);
        let mut items = vec![part(&["inherit (", ") a b;"], vec![from])];
        if let Some(v) = self.env.last().cloned() {
            if v.name != "a" && v.name != "b" {
                items.push(part(&[&format!("inherit {};", v.name)], vec![]));
            }
        }
        form(&["(", ").a"], vec![seq("{ ", " ", " }", items, 1)])
    }

    /// A function with a set pattern (`{ a, b ? …, ... }`, sometimes with
    /// `@args`) returning `ret`.
    pub fn pattern_lambda(&mut self, fields: &[(String, Ty)], ret: &Ty, depth: usize) -> Expr {
        let mut names: Vec<(String, Ty)> = Vec::new();
        let mut formals = Vec::new();
        for (name, t) in fields {
            if name_text(name) != *name || names.iter().any(|(n, _)| n == name) {
                continue;
            }
            if self.rng.chance(30) {
                let default = self.bind(&names.clone(), |g| g.gen(t, 1));
                formals.push(part(&[&format!("{name} ? "), ""], vec![default]));
            } else {
                formals.push(part(&[name], vec![]));
            }
            names.push((name.clone(), t.clone()));
        }
        if self.rng.chance(20) {
            let t = self.data_type(0);
            let default = self.gen(&t, 1);
            formals.push(part(&["extra ? ", ""], vec![default]));
            names.push(("extra".into(), t));
        }
        if self.rng.chance(60) {
            formals.push(part(&["..."], vec![]));
        }
        let at = if self.rng.chance(25) { Some(self.var_name()) } else { None };
        if let Some(a) = &at {
            names.retain(|(n, _)| n != a);
            names.push((a.clone(), Ty::Set(fields.to_vec())));
        }
        let body = self.bind(&names, |g| g.gen(ret, depth));
        let pattern = seq_part("{ ", ", ", " }", formals, 0);
        let open = match &at {
            Some(a) if self.rng.chance(50) => format!("({a}@"),
            Some(a) => format!("({a} @ "),
            None => "(".to_string(),
        };
        form(&[&open, ": ", ")"], vec![pattern, body])
    }

    /// Values that are never forced, or forced in an order that matters:
    /// a `throw` in an unused binding, argument, list item or branch.
    pub fn laziness(&mut self, ty: &Ty, depth: usize) -> Expr {
        let boom = atom(format!("(throw {})", quote(self.rng.pick(&["unused", "lazy", "never"]))));
        let e = self.gen(ty, depth);
        match self.rng.below(7) {
            0 => form(&["(let unused = ", "; in ", ")"], vec![boom, e]),
            1 => form(&["((_: ", ") ", ")"], vec![e, boom]),
            2 => form(&["(builtins.head [ ", " ", " ])"], vec![Gen::paren(e), boom]),
            3 => form(&["({ a = ", "; b = ", "; }.a)"], vec![e, boom]),
            4 => form(&["(if true then ", " else ", ")"], vec![e, boom]),
            5 => form(&["(builtins.seq (builtins.length [ ", " ]) ", ")"], vec![boom, Gen::paren(e)]),
            _ => form(&["(let xs = [ ", " ", " ]; in builtins.elemAt xs 1)"], vec![boom, Gen::paren(e)]),
        }
    }

    /// Something that fails when forced: `throw`, `abort`, a failing
    /// `assert`, `tryEval` around them, or an argument of the wrong type.
    pub fn failure(&mut self, ty: &Ty, depth: usize) -> Expr {
        let msg = quote(self.rng.pick(&["boom", "failed: x", "", "multi\nline", "ünïcode"]));
        match self.rng.below(8) {
            0 => atom(format!("(throw {msg})")),
            1 => atom(format!("(abort {msg})")),
            2 => {
                let e = self.gen(ty, depth);
                form(&["(assert 1 == 2; ", ")"], vec![e])
            }
            3 => {
                let e = self.gen(ty, depth);
                let c = self.gen(&Ty::Bool, depth);
                form(&["(assert ", "; ", ")"], vec![c, e])
            }
            4 => {
                let e = self.gen(ty, depth);
                form(&["((builtins.tryEval (throw \"t\")).value or ", ")"], vec![e])
            }
            5 => {
                // The wrong type on purpose.
                let wrong = self.data_type(1);
                self.gen(&wrong, depth)
            }
            6 => {
                let e = self.gen(ty, depth);
                form(&[&format!("(builtins.addErrorContext {msg} "), ")"], vec![Gen::paren(e)])
            }
            _ => {
                let e = self.gen(ty, depth);
                let m = self.gen(&Ty::Str, depth);
                form(&["(builtins.trace ", " ", ")"], vec![Gen::paren(m), Gen::paren(e)])
            }
        }
    }
}

/// Whether `name` is bound in `names` already (a `let` or `rec` may not
/// bind a name twice).
fn bindings_named(names: &[(String, Ty)], name: &str) -> bool {
    names.iter().any(|(n, _)| n == name)
}
