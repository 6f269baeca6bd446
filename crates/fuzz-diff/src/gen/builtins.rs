//! Operators and builtins, by the type they give: every builtin of the
//! language with plausible and edge-case arguments.

use super::literals::{REGEXES, TEXTS};
use super::{Gen, Ty};
use crate::expr::{atom, form, part, quote, seq, Expr};

/// `(builtins.NAME (a) (b) …)`.
pub fn call(name: &str, args: Vec<Expr>) -> Expr {
    let mut texts: Vec<String> = vec![format!("(builtins.{name} (")];
    for _ in 1..args.len() {
        texts.push(") (".into());
    }
    texts.push("))".into());
    if args.is_empty() {
        return atom(format!("builtins.{name}"));
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    form(&refs, args)
}

/// `(a OP b)`.
fn op(a: Expr, op: &str, b: Expr) -> Expr {
    form(&["(", &format!(" {op} "), ")"], vec![a, b])
}

impl Gen<'_> {
    /// An operator or builtin giving `ty`.
    pub fn specific(&mut self, ty: &Ty, d: usize) -> Expr {
        match ty {
            Ty::Int => self.int(d),
            Ty::Float => self.float(d),
            Ty::Bool => self.boolean(d),
            Ty::Str => self.string(d),
            Ty::Path => self.path(d),
            Ty::Null => match self.rng.below(3) {
                0 => {
                    let s = self.gen(&Ty::Str, d);
                    call("match", vec![atom(quote("zzz")), s])
                }
                1 => {
                    let s = self.gen(&Ty::Set(vec![]), d);
                    call("unsafeGetAttrPos", vec![atom(quote("nope")), s])
                }
                _ => call("fromJSON", vec![atom(quote("null"))]),
            },
            Ty::List(item) => self.list(item, d),
            Ty::Set(fields) => self.set(fields, d),
            Ty::Fun(a, r) => self.lambda(a, r),
            Ty::Any => self.leaf(ty),
        }
    }

    fn int(&mut self, d: usize) -> Expr {
        let int = |g: &mut Self| g.gen(&Ty::Int, d);
        match self.rng.below(22) {
            0..=3 => {
                let o = self.rng.pick(&["+", "-", "*", "/"]);
                let (a, b) = (int(self), int(self));
                op(a, o, b)
            }
            4 => {
                let name = self.rng.pick(&["add", "sub", "mul", "div", "bitAnd", "bitOr", "bitXor"]);
                let (a, b) = (int(self), int(self));
                call(name, vec![a, b])
            }
            5 => {
                let t = self.data_type(0);
                let l = self.gen(&Ty::list(t), d);
                call("length", vec![l])
            }
            6 => {
                let s = self.gen(&Ty::Str, d);
                call("stringLength", vec![s])
            }
            7 => {
                let f = self.gen(&Ty::Float, d);
                call(self.rng.pick(&["floor", "ceil"]), vec![f])
            }
            8 => {
                let l = self.gen(&Ty::list(Ty::Int), d);
                call("foldl'", vec![atom("(acc: x: acc + x)"), atom("0"), l])
            }
            9 => {
                let l = self.gen(&Ty::list(Ty::Int), d);
                let i = atom(self.rng.pick(&["0", "1", "2", "(-1)"]));
                call("elemAt", vec![l, i])
            }
            10 => {
                let l = self.gen(&Ty::list(Ty::Int), d);
                call("head", vec![l])
            }
            11 => {
                let (a, b) = (self.version(), self.version());
                call("compareVersions", vec![a, b])
            }
            12 => atom(format!(
                "(builtins.fromJSON {})",
                quote(self.rng.pick(&["123", "-7", "1e2", "0", "12345678901234567890"]))
            )),
            13 => {
                let s = self.gen(&Ty::Set(vec![]), d);
                form(&["(builtins.length (builtins.attrNames ", "))"], vec![Gen::paren(s)])
            }
            14 => {
                let n = int(self);
                form(&["(-", ")"], vec![n])
            }
            15 => {
                let o = self.rng.pick(&["+", "*", "-"]);
                let n = int(self);
                form(&["(9223372036854775807 ", ""], vec![form(&[&format!("{o} "), ")"], vec![n])])
            }
            16 => {
                let s = self.gen(&Ty::Str, d);
                let re = atom(quote(self.rng.pick(REGEXES)));
                form(&["(builtins.length (builtins.split ", " ", "))"], vec![re, Gen::paren(s)])
            }
            17 => {
                let t = self.data_type(0);
                let l = self.gen(&Ty::list(t), d);
                call("foldl'", vec![atom("(acc: _: acc + 1)"), atom("0"), l])
            }
            18 => atom(format!(
                "(builtins.fromTOML {}).a",
                quote(self.rng.pick(&["a = 1", "a = -0x10", "a = 1_000", "a = 0o17"]))
            )),
            19 => {
                let l = self.gen(&Ty::list(Ty::Int), d);
                form(&["(builtins.foldl' builtins.add 0 ", ")"], vec![Gen::paren(l)])
            }
            20 => {
                let s = self.gen(&Ty::Str, d);
                form(&["(builtins.length (builtins.splitVersion ", "))"], vec![Gen::paren(s)])
            }
            _ => {
                let e = self.gen(&Ty::Int, d);
                form(&["(builtins.tryEval ", ").value"], vec![Gen::paren(e)])
            }
        }
    }

    fn float(&mut self, d: usize) -> Expr {
        match self.rng.below(6) {
            0..=2 => {
                let o = self.rng.pick(&["+", "-", "*", "/"]);
                let a = self.gen(&Ty::Float, d);
                let b = if self.rng.chance(30) { self.gen(&Ty::Int, d) } else { self.gen(&Ty::Float, d) };
                if self.rng.chance(50) {
                    op(a, o, b)
                } else {
                    op(b, o, a)
                }
            }
            3 => {
                let (a, b) = (self.gen(&Ty::Float, d), self.gen(&Ty::Int, d));
                call(self.rng.pick(&["add", "mul", "div", "sub"]), vec![a, b])
            }
            4 => atom(format!(
                "(builtins.fromJSON {})",
                quote(self.rng.pick(&["1.5", "-0.25", "1e400", "3.0e-2", "0.1"]))
            )),
            _ => {
                let l = self.gen(&Ty::list(Ty::Float), d);
                form(&["(builtins.foldl' builtins.add 0.0 ", ")"], vec![Gen::paren(l)])
            }
        }
    }

    fn boolean(&mut self, d: usize) -> Expr {
        match self.rng.below(16) {
            0 | 1 => {
                let t = self.rng.pick(&[Ty::Int, Ty::Float, Ty::Str, Ty::Int]).clone();
                let (a, b) = (self.gen(&t, d), self.gen(&t, d));
                op(a, self.rng.pick(&["<", "<=", ">", ">="]), b)
            }
            2 | 3 => {
                let t = self.data_type(1);
                let (a, b) = (self.gen(&t, d), self.gen(&t, d));
                op(a, self.rng.pick(&["==", "!="]), b)
            }
            4 => {
                let (a, b) = (self.gen(&Ty::Bool, d), self.gen(&Ty::Bool, d));
                op(a, self.rng.pick(&["&&", "||", "->"]), b)
            }
            5 => {
                let a = self.gen(&Ty::Bool, d);
                form(&["(!", ")"], vec![a])
            }
            6 => {
                let s = self.gen(&Ty::Set(vec![]), d);
                let name = self.attr_name();
                let path = if self.rng.chance(30) {
                    format!("{}.b", super::name_text(&name))
                } else {
                    super::name_text(&name)
                };
                form(&["(", &format!(" ? {path})")], vec![s])
            }
            7 => {
                let t = self.data_type(1);
                let e = self.gen(&t, d);
                let p = self.rng.pick(&[
                    "isInt",
                    "isString",
                    "isList",
                    "isAttrs",
                    "isFunction",
                    "isBool",
                    "isFloat",
                    "isNull",
                    "isPath",
                ]);
                call(p, vec![e])
            }
            8 => {
                let t = self.data_type(0);
                let (x, l) = (self.gen(&t, d), self.gen(&Ty::list(t), d));
                call("elem", vec![x, l])
            }
            9 => {
                let l = self.gen(&Ty::list(Ty::Int), d);
                let f = self.lambda(&Ty::Int, &Ty::Bool);
                call(self.rng.pick(&["any", "all"]), vec![f, l])
            }
            10 => {
                let p = self.gen(&Ty::Path, d);
                call("pathExists", vec![p])
            }
            11 => {
                let (a, b) = (self.gen(&Ty::Int, d), self.gen(&Ty::Int, d));
                call("lessThan", vec![a, b])
            }
            12 => {
                let t = self.data_type(1);
                let e = self.gen(&t, d);
                form(&["(builtins.tryEval ", ").success"], vec![Gen::paren(e)])
            }
            13 => {
                let s = self.gen(&Ty::Set(vec![]), d);
                let name = self.attr_name();
                call("hasAttr", vec![atom(quote(&name)), s])
            }
            14 => {
                let s = self.gen(&Ty::Str, d);
                form(&["(builtins.hasContext ", ")"], vec![Gen::paren(s)])
            }
            _ => {
                let (a, b) = (self.gen(&Ty::list(Ty::Int), d), self.gen(&Ty::list(Ty::Int), d));
                op(a, self.rng.pick(&["==", "<"]), b)
            }
        }
    }

    fn string(&mut self, d: usize) -> Expr {
        let s = |g: &mut Self| g.gen(&Ty::Str, d);
        match self.rng.below(30) {
            0 | 1 => {
                let (a, b) = (s(self), s(self));
                op(a, "+", b)
            }
            2 => {
                let t = self.rng.pick(&[Ty::Int, Ty::Float, Ty::Bool, Ty::Null, Ty::Path, Ty::list(Ty::Int)]).clone();
                let e = self.gen(&t, d);
                call("toString", vec![e])
            }
            3 => {
                let t = self.rng.pick(&[Ty::list(Ty::Any), Ty::list(Ty::list(Ty::Int)), Ty::list(Ty::Null)]).clone();
                let e = self.gen(&t, d);
                call("toString", vec![e])
            }
            4 => {
                let (start, len) = (self.small_int(), self.small_int());
                let e = s(self);
                call("substring", vec![start, len, e])
            }
            5 => {
                let l = self.gen(&Ty::list(Ty::Str), d);
                let sep = atom(quote(self.rng.pick(&["", ",", " ", "-", "é"])));
                call("concatStringsSep", vec![sep, l])
            }
            6 => {
                let (from, to) = (self.gen(&Ty::list(Ty::Str), d), self.gen(&Ty::list(Ty::Str), d));
                let e = s(self);
                call("replaceStrings", vec![from, to, e])
            }
            7 | 8 => {
                let t = self.data_type(2);
                let e = self.gen(&t, d);
                call("toJSON", vec![e])
            }
            9 => {
                let t = self.data_type(1);
                let e = self.gen(&t, d);
                call("typeOf", vec![e])
            }
            10 => {
                let e = if self.rng.chance(50) { s(self) } else { self.gen(&Ty::Path, d) };
                let r = call(self.rng.pick(&["baseNameOf", "dirOf"]), vec![e]);
                form(&["\"${", "}\""], vec![r])
            }
            11 => {
                let algo = atom(quote(self.rng.pick(&["md5", "sha1", "sha256", "sha512"])));
                let e = s(self);
                call("hashString", vec![algo, e])
            }
            12 => {
                let e = self.gen(&Ty::Path, d);
                form(&["\"${", "}\""], vec![e])
            }
            13 => atom("(builtins.readFile ./fixtures/a.txt)"),
            14 => {
                let e = s(self);
                call("unsafeDiscardStringContext", vec![e])
            }
            15 => {
                let t = self.data_type(2);
                let e = self.gen(&t, d);
                call("toXML", vec![e])
            }
            16 => {
                let name = atom(quote(self.rng.pick(&["out", "dev", "bin"])));
                call("placeholder", vec![name])
            }
            17 => {
                let e = s(self);
                call("toFile", vec![atom(quote("f.txt")), e])
            }
            18 => {
                let e = s(self);
                let field = self.rng.pick(&["drvPath", "outPath", "name", "system"]);
                form(
                    &[
                        "((derivation { name = \"fz\"; system = \"x86_64-linux\"; builder = \"/bin/sh\"; arg = ",
                        &format!("; }}).{field})"),
                    ],
                    vec![e],
                )
            }
            19 => {
                let e = s(self);
                let field = self.rng.pick(&["name", "version"]);
                form(&["(builtins.parseDrvName ", &format!(").{field}")], vec![Gen::paren(e)])
            }
            20 => {
                let l = self.gen(&Ty::list(Ty::Str), d);
                form(&["(builtins.concatStringsSep \"\" (builtins.map (x: x + \"!\") ", "))"], vec![l])
            }
            21 => {
                let algo = atom(quote(self.rng.pick(&["md5", "sha1", "sha256", "sha512"])));
                call("hashFile", vec![algo, atom("./fixtures/a.txt")])
            }
            22 => {
                let e = s(self);
                form(&["\"pre-${", "}-post\""], vec![e])
            }
            23 => {
                let n = self.gen(&Ty::Int, d);
                form(&["\"${toString ", "}\""], vec![Gen::paren(n)])
            }
            24 => {
                let set = form(&["{ __toString = self: ", "; }"], vec![s(self)]);
                call("toString", vec![set])
            }
            25 => {
                let set = form(&["{ outPath = ", "; }"], vec![s(self)]);
                form(&["\"${", "}\""], vec![set])
            }
            26 => {
                let e = s(self);
                let re = atom(quote(self.rng.pick(REGEXES)));
                form(&["(toString (builtins.match ", " ", "))"], vec![re, Gen::paren(e)])
            }
            27 => self.indented_string(),
            28 => atom(format!(
                "(builtins.fromJSON {})",
                quote(self.rng.pick(&["\"\\u00e9\"", "\"a\\nb\"", "\"\\ud83d\\ude00\"", "\"\\/\"", "\"\\u0000x\""]))
            )),
            _ => {
                let t = self.data_type(1);
                let e = self.gen(&t, d);
                form(&["(builtins.toJSON (builtins.fromJSON (builtins.toJSON ", ")))"], vec![Gen::paren(e)])
            }
        }
    }

    /// Paths below the work folder or outside the file system (never `/`
    /// itself, which a coercion would copy to the store whole).
    fn path(&mut self, d: usize) -> Expr {
        match self.rng.below(4) {
            0 => {
                let p = self.gen(&Ty::Path, d);
                let s = atom(quote(self.rng.pick(&["/x", "x", "/a/b", ""])));
                op(p, "+", s)
            }
            1 => {
                let p = atom(self.rng.pick(&["./fixtures/dir/b.txt", "./fixtures/a.txt", "/nonexistent/a/b"]));
                call("dirOf", vec![p])
            }
            2 => atom(self.rng.pick(&[
                "./fixtures/../fixtures/a.txt",
                "./fixtures/./dir",
                "/nonexistent/../b",
                "/./x//y",
            ])),
            _ => {
                let s = self.gen(&Ty::Str, d);
                form(&["(/nonexistent + ", ")"], vec![s])
            }
        }
    }

    fn list(&mut self, item: &Ty, d: usize) -> Expr {
        let l = |g: &mut Self| g.gen(&Ty::list(item.clone()), d);
        match self.rng.below(22) {
            0..=2 => {
                let n = self.rng.below(4);
                let items = (0..n).map(|_| Gen::paren(self.gen(item, d))).collect();
                seq("[ ", " ", " ]", items, 0)
            }
            3 => {
                let (a, b) = (l(self), l(self));
                op(a, "++", b)
            }
            4 | 5 => {
                let from = self.data_type(0);
                let f = self.lambda(&from, item);
                let xs = self.gen(&Ty::list(from), d);
                call("map", vec![f, xs])
            }
            6 => {
                let f = self.lambda(item, &Ty::Bool);
                call("filter", vec![f, l(self)])
            }
            7 => {
                let f = self.lambda(&Ty::Int, item);
                let n = atom(self.rng.pick(&["0", "1", "3", "5"]));
                call("genList", vec![f, n])
            }
            8 | 9 => {
                let cmp = match item {
                    Ty::Int | Ty::Float | Ty::Str => atom(self.rng.pick(&[
                        "builtins.lessThan",
                        "(a: b: a < b)",
                        "(a: b: a > b)",
                        "(a: b: true)",
                        "(a: b: false)",
                    ])),
                    _ => self.lambda(item, &Ty::fun(item.clone(), Ty::Bool)),
                };
                call("sort", vec![cmp, l(self)])
            }
            10 => {
                let ls = self.gen(&Ty::list(Ty::list(item.clone())), d);
                call("concatLists", vec![ls])
            }
            11 => {
                let from = self.data_type(0);
                let f = self.lambda(&from, &Ty::list(item.clone()));
                let xs = self.gen(&Ty::list(from), d);
                call("concatMap", vec![f, xs])
            }
            12 if *item == Ty::Str => {
                let s = self.gen(&Ty::Set(vec![]), d);
                call("attrNames", vec![s])
            }
            13 => {
                let s = self.gen(&Ty::Set(vec![("a".into(), item.clone())]), d);
                call("attrValues", vec![s])
            }
            14 => call("tail", vec![l(self)]),
            15 => {
                let sets = self.gen(&Ty::list(Ty::Set(vec![("a".into(), item.clone())])), d);
                call("catAttrs", vec![atom(quote("a")), sets])
            }
            16 => {
                let s = self.gen(&Ty::Str, d);
                call("split", vec![atom(quote(self.rng.pick(REGEXES))), s])
            }
            17 => {
                let s = self.gen(&Ty::Str, d);
                form(
                    &["(let m = builtins.match ", " ", "; in if m == null then [ ] else m)"],
                    vec![atom(quote(self.rng.pick(REGEXES))), Gen::paren(s)],
                )
            }
            18 => {
                let s = self.version();
                call("splitVersion", vec![s])
            }
            19 => atom(format!(
                "(builtins.fromJSON {})",
                quote(self.rng.pick(&["[1,2,3]", "[]", "[[],{}]", "[\"a\",null,true,1.5]"]))
            )),
            20 => {
                let xs = l(self);
                let f = self.lambda(item, &Ty::Bool);
                form(&["(builtins.partition ", " ", ").right"], vec![f, Gen::paren(xs)])
            }
            _ => {
                let start = atom(format!("[ {{ key = {}; }} ]", self.rng.below(3)));
                form(
                    &[
                        "(map (x: x.key) (builtins.genericClosure { startSet = ",
                        "; operator = x: if x.key < 4 then [ { key = x.key + 1; } { key = x.key * 2; } ] else [ ]; }))",
                    ],
                    vec![start],
                )
            }
        }
    }

    fn set(&mut self, fields: &[(String, Ty)], d: usize) -> Expr {
        let want = Ty::Set(fields.to_vec());
        // Past 9, the sets made have names of their own: only when no name is asked for.
        let n = if fields.is_empty() { 16 } else { 10 };
        match self.rng.below(n) {
            0..=3 => self.set_literal(fields, d),
            4 | 5 => {
                let a = self.gen(&Ty::Set(vec![]), d);
                let b = self.gen(&want, d);
                op(a, "//", b)
            }
            6 => {
                let f = atom("(name: value: value)");
                let s = self.gen(&want, d);
                call("mapAttrs", vec![f, s])
            }
            7 => {
                let s = self.gen(&want, d);
                let names = seq("[ ", " ", " ]", vec![atom(quote("zz")), atom(quote(&self.attr_name()))], 0);
                let names = if fields.is_empty() { names } else { seq("[ ", " ", " ]", vec![atom(quote("zz"))], 0) };
                call("removeAttrs", vec![s, names])
            }
            8 => {
                let s = self.gen(&want, d);
                let other = if fields.is_empty() { self.gen(&Ty::Set(vec![]), d) } else { Gen::paren(s.clone()) };
                call("intersectAttrs", vec![other, s])
            }
            9 => {
                let items: Vec<Expr> = fields
                    .iter()
                    .map(|(n, t)| {
                        let v = self.gen(t, d);
                        form(&[&format!("{{ name = {}; value = ", quote(n)), "; }"], vec![v])
                    })
                    .collect();
                call("listToAttrs", vec![seq("[ ", " ", " ]", items, 0)])
            }
            10 => {
                let f = self.lambda(&Ty::Int, &Ty::Str);
                let xs = self.gen(&Ty::list(Ty::Int), d);
                call("groupBy", vec![f, xs])
            }
            11 => {
                let xs = self.gen(&Ty::list(Ty::Set(vec![])), d);
                call("zipAttrsWith", vec![atom("(name: values: values)"), xs])
            }
            12 => {
                let e = self.gen(&Ty::Int, d);
                call("tryEval", vec![e])
            }
            13 => {
                let s = self.gen(&Ty::Str, d);
                call("getContext", vec![s])
            }
            14 => atom(format!(
                "(builtins.fromJSON {})",
                quote(self.rng.pick(&[
                    "{\"a\":1,\"b\":[true]}",
                    "{}",
                    "{\"a\":1,\"a\":2}",
                    "{\"\":{\"x\":null}}",
                    "{\"b\":1,\"a\":2}"
                ]))
            )),
            _ => {
                let f = self.pattern_lambda(&[("a".into(), Ty::Int)], &Ty::Int, 1);
                call("functionArgs", vec![f])
            }
        }
    }

    /// A set literal with these fields: plain, quoted, dynamic and nested
    /// names, `rec` or not.
    pub fn set_literal(&mut self, fields: &[(String, Ty)], d: usize) -> Expr {
        let mut bindings = Vec::new();
        for (name, t) in fields {
            let v = self.gen(t, d);
            let key = match self.rng.below(6) {
                0 => format!("${{{}}}", quote(name)),
                1 => quote(name),
                _ => super::name_text(name),
            };
            bindings.push(part(&[&format!("{key} = "), ";"], vec![v]));
        }
        if self.rng.chance(25) {
            let v = self.gen(&Ty::Int, d);
            bindings.push(part(&["n.x = ", ";"], vec![v]));
            let w = self.gen(&Ty::Str, d);
            bindings.push(part(&["n.y = ", ";"], vec![w]));
        }
        let open = if self.rng.chance(20) { "rec { " } else { "{ " };
        seq(open, " ", " }", bindings, 0)
    }

    /// A function from `arg` to `ret` that is a builtin, partly applied.
    pub fn builtin_function(&mut self, arg: &Ty, ret: &Ty) -> Option<Expr> {
        if !self.rng.chance(25) {
            return None;
        }
        let e = match (arg, ret) {
            (Ty::Int, Ty::Int) => {
                let n = self.small_int();
                call(self.rng.pick(&["add", "mul", "sub", "bitAnd"]), vec![n])
            }
            (Ty::Int, Ty::Bool) => {
                let n = self.small_int();
                call("lessThan", vec![n])
            }
            (Ty::Str, Ty::Str) => {
                let (a, b) = (atom(quote(self.rng.pick(TEXTS))), atom(quote(self.rng.pick(TEXTS))));
                call("replaceStrings", vec![seq("[ ", " ", " ]", vec![a], 0), seq("[ ", " ", " ]", vec![b], 0)])
            }
            (Ty::Str, Ty::Int) => atom("builtins.stringLength"),
            (_, Ty::Str) if arg.is_data() => atom(self.rng.pick(&["builtins.toJSON", "builtins.typeOf"])),
            (_, Ty::Bool) => atom(self.rng.pick(&["builtins.isInt", "builtins.isString", "builtins.isAttrs"])),
            _ => return None,
        };
        Some(e)
    }

    fn small_int(&mut self) -> Expr {
        atom(self.rng.pick(&["0", "1", "2", "3", "5", "(-1)", "100"]))
    }

    fn version(&mut self) -> Expr {
        atom(quote(self.rng.pick(&["1.0", "1.2.3", "2.0pre1", "1.0a", "10", "1.01", "", "1..2", "2.0-rc1", "0.9"])))
    }
}
