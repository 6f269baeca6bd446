//! The evaluator core: forcing thunks, evaluating expressions, calling functions.

mod assert;
mod attrs;
mod binary_call;
mod call;
pub mod coerce;
pub mod ops;
mod paths;
mod unary_call;
mod update;

use std::rc::Rc;

pub use binary_call::BinaryCall;
pub use unary_call::UnaryCall;

use crate::api::EvalConfig;
use crate::cache::Cache;
use crate::error::*;
use crate::expr::*;
use crate::symbol::Sym;
use crate::value::*;

/// A suspended computation in the thunk arena.
#[derive(Debug)]
pub enum Thunk {
    /// An expression in an env.
    Pending(ExprRef, Env),
    /// `f arg`.
    Apply(Box<(Value, Value, Span)>),
    /// `f a b` (the lazy calls of `mapAttrs` and `zipAttrsWith`).
    Apply2(Box<(Value, Value, Value, Span)>),
    /// `from.name` (for `inherit (from) name`).
    Select(Box<(Value, Sym, Span)>),
    /// Being evaluated right now.
    Blackhole,
    /// Evaluation failed; the error is re-raised (errors are memoised, as in Nix ≥ 2.34).
    Failed(Box<Error>),
    /// The value.
    Done(Value),
}

/// Names used often at runtime.
pub struct CommonSyms {
    /// `outPath`
    pub out_path: Sym,
    /// `type`
    pub type_: Sym,
    /// `__functor`
    pub functor: Sym,
    /// `__toString`
    pub to_string: Sym,
    /// `value`
    pub value: Sym,
    /// `name`
    pub name: Sym,
    /// `success`
    pub success: Sym,
    /// `file`, `line`, `column`
    pub file: Sym,
    /// `line`
    pub line: Sym,
    /// `column`
    pub column: Sym,
    /// `__overrides` (of a `rec` set)
    pub overrides: Sym,
}

/// One evaluation: the thunk arena, budgets and output messages.
pub struct Interp<'a> {
    /// The long-lived parse cache (files, lowered trees).
    pub cache: &'a mut Cache,
    /// The configuration.
    pub config: &'a EvalConfig,
    thunks: Vec<Thunk>,
    /// Values of global names, indexed like `builtins::GLOBAL_NAMES`.
    pub globals: Vec<Value>,
    /// `trace:` / `warning:` lines.
    pub messages: Vec<String>,
    steps: u64,
    /// The step count at which the budgets are checked next.
    next_check: u64,
    /// Current call depth.
    pub depth: usize,
    stack_base: usize,
    /// Derivations and files "added to the store" by this evaluation.
    pub store: nixpen_store::DrvStore,
    /// Frequently used names.
    pub syms: CommonSyms,
    /// Approximate bytes allocated (strings, lists, sets).
    pub mem: usize,
    /// Paths already copied to the store in this evaluation.
    pub store_copies: std::collections::HashMap<String, String>,
    /// Imported files of this evaluation (path → thunk).
    pub imports: std::collections::HashMap<String, Value>,
    /// Trees the parse cache replaced during this evaluation, which its
    /// thunks may point into (see [`ExprRef`]): freed with its heap.
    retired_roots: Vec<Rc<Expr>>,
    /// The value of every `[ ]` and every `{ }` written in the code: made
    /// once, shared (they hold nothing that evaluation could change).
    empty_list: Value,
    empty_attrs: Value,
}

/// The values an evaluation leaves behind: its thunks (and through them its
/// environments, sets and lists), the global names and the imported files.
/// Nothing reads them again: they are held only to be freed, when the
/// `Heap` is dropped or by [`Heap::free_into`], which keeps the arena's
/// memory for the next evaluation.
pub struct Heap {
    thunks: Vec<Thunk>,
    // Held only to be dropped (hence the underscores).
    _globals: Vec<Value>,
    _imports: std::collections::HashMap<String, Value>,
    // Declared last: dropped after the thunks that may point into them.
    _retired_roots: Vec<Rc<Expr>>,
}

/// The largest arena (in thunks) reserved up front or kept for the next
/// evaluation (about 50 MB).
const MAX_ARENA_HINT: usize = 1 << 21;

/// The arena (in thunks) an evaluator reserves: natively at least 131,072
/// thunks, address space only until used (pages are touched as thunks are
/// made), so that the arena of a first evaluation is not copied each time it doubles (each
/// copy touched new pages: a quarter of the page faults of a `nixpen eval`
/// process). In the browser, reserving grows the wasm memory: nothing is
/// reserved there before the first evaluation says how much it needs.
#[cfg(not(target_arch = "wasm32"))]
fn arena_to_reserve(hint: usize) -> usize {
    hint.max(1 << 17)
}

/// In the browser: only what the last evaluation needed (nothing at first).
#[cfg(target_arch = "wasm32")]
fn arena_to_reserve(hint: usize) -> usize {
    hint
}

/// The names (by number) whose string value [`Cache::name_texts`] keeps:
/// the first million (8 MB of table, and some 60 bytes per name kept).
const MAX_NAME_TEXTS: usize = 1 << 20;

impl Heap {
    /// Frees the values and keeps the thunk arena's memory, emptied, in
    /// `cache` for the next evaluation (the bigger one, when it holds one).
    pub fn free_into(self, cache: &mut Cache) {
        let mut thunks = self.thunks;
        thunks.clear();
        if thunks.capacity() <= MAX_ARENA_HINT && thunks.capacity() > cache.spare_arena.capacity() {
            cache.spare_arena = thunks;
        }
    }
}

#[inline(always)]
fn stack_addr() -> usize {
    let x = 0u8;
    std::hint::black_box(&x) as *const u8 as usize
}

impl<'a> Interp<'a> {
    /// A fresh evaluation.
    pub fn new(cache: &'a mut Cache, config: &'a EvalConfig) -> Interp<'a> {
        let syms = CommonSyms {
            out_path: Sym::known("outPath"),
            type_: Sym::known("type"),
            functor: Sym::known("__functor"),
            to_string: Sym::known("__toString"),
            value: Sym::known("value"),
            name: Sym::known("name"),
            success: Sym::known("success"),
            file: Sym::known("file"),
            line: Sym::known("line"),
            column: Sym::known("column"),
            overrides: Sym::known("__overrides"),
        };
        let mut thunks = std::mem::take(&mut cache.spare_arena);
        thunks.reserve(arena_to_reserve(cache.arena_hint));
        let mut it = Interp {
            cache,
            config,
            thunks,
            globals: Vec::new(),
            messages: Vec::new(),
            steps: 0,
            next_check: 0,
            depth: 0,
            stack_base: stack_addr(),
            store: nixpen_store::DrvStore::new(&config.store_dir),
            syms,
            mem: 0,
            store_copies: Default::default(),
            imports: Default::default(),
            retired_roots: Vec::new(),
            empty_list: Value::list(Vec::new()),
            empty_attrs: Value::attrs(AttrSet::new(Vec::new())),
        };
        it.globals = crate::builtins::make_globals(&mut it);
        it
    }

    /// Remembers how big this evaluation's arena grew, for the next one.
    pub fn record_arena_size(&mut self) {
        self.cache.arena_hint = self.thunks.len().min(MAX_ARENA_HINT);
    }

    /// Forgets the thunk arena without freeing it (for a process about to exit).
    pub fn leak_heap(&mut self) {
        std::mem::forget(self.take_heap());
    }

    /// Moves the values of this evaluation out (to be freed later, or never).
    pub fn take_heap(&mut self) -> Heap {
        Heap {
            thunks: std::mem::take(&mut self.thunks),
            _globals: std::mem::take(&mut self.globals),
            _imports: std::mem::take(&mut self.imports),
            _retired_roots: std::mem::take(&mut self.retired_roots),
        }
    }

    /// Resets the stack base to the current position (call at the entry point).
    pub fn set_stack_base(&mut self) {
        self.stack_base = stack_addr();
    }

    /// Checks step, stack and memory budgets: a counter on the fast path,
    /// the stack and memory every 64 steps.
    #[inline(always)]
    fn step(&mut self) -> R<()> {
        self.steps += 1;
        if self.steps >= self.next_check {
            return self.step_slow();
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn step_slow(&mut self) -> R<()> {
        let max = self.config.limits.max_steps;
        self.next_check = (self.steps + 64).min(max.saturating_add(1));
        if self.steps > max {
            return err_kind(
                ErrKind::Limit,
                None,
                format!("evaluation exceeded the step budget ({} steps)", self.config.limits.max_steps),
            );
        }
        self.check_stack()?;
        let mem = self.mem + self.thunks.len() * std::mem::size_of::<Thunk>();
        if mem > self.config.limits.max_memory_bytes {
            return err_kind(
                ErrKind::Limit,
                None,
                format!("evaluation exceeded the memory budget ({} bytes)", self.config.limits.max_memory_bytes),
            );
        }
        Ok(())
    }

    /// Counts one step of work done by a builtin (so loops in builtins hit the budget).
    pub fn step_external(&mut self) -> R<()> {
        self.step()
    }

    /// Errors out when the native stack use exceeds the budget.
    #[inline]
    pub fn check_stack(&self) -> R<()> {
        let used = self.stack_base.abs_diff(stack_addr());
        if used > self.config.limits.max_stack_bytes {
            return err_kind(ErrKind::Limit, None, "stack overflow; max-call-depth exceeded");
        }
        Ok(())
    }

    /// Accounts `bytes` of allocation against the memory budget.
    pub fn alloc(&mut self, bytes: usize) -> R<()> {
        self.mem += bytes;
        if self.mem > self.config.limits.max_memory_bytes {
            return err_kind(
                ErrKind::Limit,
                None,
                format!("evaluation exceeded the memory budget ({} bytes)", self.config.limits.max_memory_bytes),
            );
        }
        Ok(())
    }

    /// Pushes a thunk into the arena.
    #[inline]
    pub fn new_thunk(&mut self, t: Thunk) -> Value {
        self.thunks.push(t);
        Value::Thunk(ThunkId(self.thunks.len() as u32 - 1))
    }

    /// Overwrites a thunk with a value.
    pub fn set_thunk(&mut self, id: ThunkId, v: Value) {
        self.thunks[id.0 as usize] = Thunk::Done(v);
    }

    /// The value of a thunk if it has been evaluated.
    pub fn peek_thunk(&self, id: ThunkId) -> Option<Value> {
        match &self.thunks[id.0 as usize] {
            Thunk::Done(v) => Some(v.clone()),
            _ => None,
        }
    }

    /// A name as a string value (one value shared by every string made of
    /// the same name).
    pub fn name_value(&mut self, name: &Sym) -> Value {
        let (texts, i) = match name.index() {
            i if i & crate::symbol::LOCAL_INDEX as usize != 0 => {
                (&mut self.cache.local_name_texts, i & !(crate::symbol::LOCAL_INDEX as usize))
            }
            i => (&mut self.cache.name_texts, i),
        };
        Value::Str(match texts.get(i) {
            Some(Some(s)) => s.clone(),
            _ if i < MAX_NAME_TEXTS => nixpen_alloc::outside_evaluation(|| {
                if texts.len() <= i {
                    texts.resize(i + 1, None);
                }
                let s = Rc::new(NixStr { s: Rc::from(name.as_str()), ctx: None });
                texts[i] = Some(s.clone());
                s
            }),
            _ => Rc::new(NixStr { s: Rc::from(name.as_str()), ctx: None }),
        })
    }

    /// A lazy `f arg`.
    pub fn lazy_apply(&mut self, f: Value, arg: Value, span: Span) -> Value {
        self.new_thunk(Thunk::Apply(Box::new((f, arg, span))))
    }

    /// A lazy `f a b`.
    pub fn lazy_apply2(&mut self, f: Value, a: Value, b: Value, span: Span) -> Value {
        self.new_thunk(Thunk::Apply2(Box::new((f, a, b, span))))
    }

    /// A value for `e` in `env` without evaluating it (literals and
    /// variables need no thunk).
    #[inline]
    pub fn thunk_expr(&mut self, e: &Rc<Expr>, env: &Env) -> Value {
        match &**e {
            Expr::Int(i) => Value::Int(*i),
            Expr::Float(f) => Value::Float(*f),
            Expr::Str(s) => Value::Str(s.clone()),
            Expr::Var(d, s, _, _) => lookup(env, *d, *s),
            Expr::Global(g, _) => self.globals[*g as usize].clone(),
            Expr::Lambda(def) => Value::Lambda(Rc::new(Closure { def: def.clone(), env: env.clone() })),
            Expr::List(items) if items.is_empty() => self.empty_list.clone(),
            Expr::Attrs(def, _) if def.is_empty() => self.empty_attrs.clone(),
            Expr::Bin(_, l, r, _) if matches!(**l, Expr::Var(..)) || matches!(**r, Expr::Var(..)) => {
                match cheap_int(e, env, 2) {
                    Some(v) => v,
                    None => self.new_thunk(Thunk::Pending(ExprRef::new(e), env.clone())),
                }
            }
            _ => self.new_thunk(Thunk::Pending(ExprRef::new(e), env.clone())),
        }
    }

    /// Like [`Interp::thunk_expr`] but never reads env slots (for envs being initialised).
    #[inline]
    pub fn thunk_expr_deferred(&mut self, e: &Rc<Expr>, env: &Env) -> Value {
        match &**e {
            // A closure stored directly in the env it captures would be an Rc
            // cycle; through the arena it is not.
            Expr::Var(0, _, _, _) | Expr::Lambda(_) => self.new_thunk(Thunk::Pending(ExprRef::new(e), env.clone())),
            _ => self.thunk_expr(e, env),
        }
    }

    /// Forces a value to weak head normal form.
    #[inline]
    pub fn force(&mut self, v: Value) -> R<Value> {
        let id = match v {
            Value::Thunk(id) => id,
            v => return Ok(v),
        };
        // A thunk's id owns nothing: forgetting it spares the generic drop
        // of a value, which the compiler would otherwise call on every force.
        std::mem::forget(v);
        // Already evaluated: no call, no blackholing.
        if let Thunk::Done(v) = &self.thunks[id.0 as usize] {
            return Ok(v.clone());
        }
        self.force_thunk(id)
    }

    fn force_thunk(&mut self, id: ThunkId) -> R<Value> {
        let slot = id.0 as usize;
        let t = std::mem::replace(&mut self.thunks[slot], Thunk::Blackhole);
        let r = match &t {
            Thunk::Done(v) => {
                let v = v.clone();
                self.thunks[slot] = t;
                return Ok(v);
            }
            Thunk::Blackhole => return Err(infinite_recursion()),
            Thunk::Failed(e) => {
                let e = e.clone();
                self.thunks[slot] = t;
                return Err(e);
            }
            // SAFETY: see `ExprRef`: the tree outlives the evaluation.
            Thunk::Pending(e, env) => self.eval(unsafe { e.get() }, env),
            Thunk::Apply(b) => {
                let (f, a, sp) = (b.0.clone(), b.1.clone(), b.2);
                self.call(f, a, sp)
            }
            Thunk::Apply2(b) => {
                let (f, x, y, sp) = (b.0.clone(), b.1.clone(), b.2.clone(), b.3);
                self.call2(f, x, y, sp)
            }
            Thunk::Select(b) => self.force_select(b.0.clone(), &b.1, b.2),
        };
        match r {
            Ok(v) => {
                let s = &mut self.thunks[slot];
                if let Thunk::Blackhole = s {
                    // SAFETY: a blackhole owns nothing: overwriting it
                    // without dropping it leaks nothing (and skips a call
                    // to the generic drop of a thunk).
                    unsafe { std::ptr::write(s, Thunk::Done(v.clone())) };
                } else {
                    *s = Thunk::Done(v.clone());
                }
                // The most frequent kind dropped by inlined code.
                match t {
                    Thunk::Pending(_, env) => drop(env),
                    t => drop(t),
                }
                Ok(v)
            }
            Err(e) => Err(self.thunk_failed(slot, t, e)),
        }
    }

    /// `from.name` of an `inherit (from) name`.
    #[inline(never)]
    fn force_select(&mut self, from: Value, name: &Sym, sp: Span) -> R<Value> {
        let from = self.force(from)?;
        match &from {
            Value::Attrs(a) => match a.get_sym(name) {
                Some(v) => {
                    let v = v.clone();
                    self.force(v)
                }
                None => err_at(sp, format!("attribute '{name}' missing")),
            },
            v => err_at(sp, format!("expected a set but found {}", self.show_short(v))),
        }
    }

    /// Records that thunk `slot` (which was `t`) failed with `e`: the error
    /// is kept as its value, except a budget's, after which the thunk can be
    /// evaluated afresh. Out of line, as error paths are (see `not_a_bool`).
    #[cold]
    #[inline(never)]
    fn thunk_failed(&mut self, slot: usize, t: Thunk, e: Box<Error>) -> Box<Error> {
        if e.kind == ErrKind::Limit {
            self.thunks[slot] = t;
        } else {
            self.thunks[slot] = Thunk::Failed(e.clone());
        }
        e
    }

    /// Evaluates an expression to weak head normal form.
    ///
    /// A variable, the most frequent expression, is looked up here without
    /// a call to [`Interp::eval_node`], whose frame is large; its thunk, if
    /// it is one still to be evaluated, counts as a step when forced.
    #[inline(always)]
    pub fn eval(&mut self, e: &Expr, env: &Env) -> R<Value> {
        if let Expr::Var(d, s, _, _) = e {
            let v = lookup(env, *d, *s);
            return self.force(v);
        }
        self.eval_node(e, env)
    }

    /// Evaluates any expression (one step of the budget).
    fn eval_node(&mut self, e: &Expr, env: &Env) -> R<Value> {
        self.step()?;
        match e {
            Expr::Int(i) => Ok(Value::Int(*i)),
            Expr::Float(f) => Ok(Value::Float(*f)),
            Expr::Str(s) => Ok(Value::Str(s.clone())),
            Expr::Var(d, s, _, _) => {
                let v = lookup(env, *d, *s);
                self.force(v)
            }
            Expr::Global(g, _) => {
                let v = self.globals[*g as usize].clone();
                self.force(v)
            }
            Expr::WithVar(name, global, sp) => self.eval_with_var(name, *global, *sp, env),
            Expr::Interp(parts, sp) => self.eval_interp(parts, *sp, env),
            Expr::Path(kind, parts, sp) => self.eval_path(*kind, parts, *sp, env),
            Expr::SearchPath(name, sp) => self.find_search_path(name, *sp),
            Expr::Attrs(def, sp) => self.eval_attrs(def, *sp, env),
            Expr::Let(def, body) => {
                let env2 = self.let_env(def, env)?;
                self.eval(body, &env2)
            }
            Expr::List(items) => self.eval_list(items, env),
            Expr::Select(inner, path, default, sp) => self.eval_select(inner, path, default.as_deref(), *sp, env),
            Expr::HasAttr(inner, path, _) => self.eval_has_attr(inner, path, env),
            Expr::Apply(f, args, sp) => {
                let mut fv = self.eval(f, env)?;
                let mut rest = &args[..];
                while let Some((a, tail)) = rest.split_first() {
                    // A builtin given all its remaining arguments here is
                    // called at once, without partial applications.
                    if let Value::Prim(p) = &fv {
                        let need = p.op.arity - p.args.len();
                        if need <= rest.len() {
                            let mut all = call::PrimArgs::new();
                            for v in &p.args {
                                all.push(v.clone());
                            }
                            for a in &rest[..need] {
                                all.push(self.thunk_expr(a, env));
                            }
                            let op = p.op;
                            fv = self.call_prim(op, all.as_slice(), *sp)?;
                            rest = &rest[need..];
                            continue;
                        }
                    }
                    if let Value::Lambda(c) = &fv {
                        if !tail.is_empty() && matches!((&c.def.param, &c.def.body), (Param::Ident(_), Expr::Lambda(_)))
                        {
                            let (v, used) = self.apply_curried(c.clone(), rest, env, *sp)?;
                            fv = v;
                            rest = &rest[used..];
                            continue;
                        }
                    }
                    let av = self.thunk_expr(a, env);
                    fv = self.call(fv, av, *sp)?;
                    rest = tail;
                }
                Ok(fv)
            }
            Expr::Lambda(def) => Ok(Value::Lambda(Rc::new(Closure { def: def.clone(), env: env.clone() }))),
            Expr::If(c, t, f, sp) => match self.eval(c, env)?.into_bool() {
                Ok(true) => self.eval(t, env),
                Ok(false) => self.eval(f, env),
                Err(v) => Err(self.not_a_bool(&v, *sp, Some("while evaluating a branch condition"))),
            },
            Expr::Assert(c, body, sp) => self.eval_assert(c, body, *sp, env),
            Expr::With(ns, body, _) => {
                let nsv = self.thunk_expr(ns, env);
                let env2 = Env::with(nsv, Some(env.clone()));
                self.eval(body, &env2)
            }
            Expr::Bin(op, l, r, sp) => self.eval_binop(*op, l, r, *sp, env),
            Expr::Not(inner, sp) => match self.eval(inner, env)?.into_bool() {
                Ok(b) => Ok(Value::Bool(!b)),
                Err(v) => Err(self.not_a_bool(&v, *sp, None)),
            },
            Expr::Neg(inner, sp) => {
                let v = self.eval(inner, env)?;
                self.negate(v, *sp)
            }
            Expr::CurPos(sp) => Ok(self.pos_value(*sp)),
        }
    }

    /// `{ file, line, column }` for a position.
    pub fn pos_value(&mut self, sp: Span) -> Value {
        let (file, line, col) = match self.cache.files.get(sp.file) {
            Some(f) => {
                let (l, c) = f.line_col(sp.off);
                (f.path.clone(), l, c)
            }
            None => return Value::Null,
        };
        let entries = vec![
            (self.syms.column, Value::Int(col as i64), sp),
            (self.syms.file, Value::str(&file), sp),
            (self.syms.line, Value::Int(line as i64), sp),
        ];
        Value::attrs(AttrSet::new(entries))
    }

    /// A list literal: a thunk per element.
    #[inline(never)]
    fn eval_list(&mut self, items: &[Rc<Expr>], env: &Env) -> R<Value> {
        if items.is_empty() {
            return Ok(self.empty_list.clone());
        }
        self.alloc(items.len() * 16)?;
        let v: Vec<Value> = items.iter().map(|i| self.thunk_expr(i, env)).collect();
        Ok(Value::list(v))
    }

    /// `-v`, which Nix parses as `__sub 0 v`: `-0.0` is `0`, and anything
    /// but a number is "expected an integer".
    #[inline(never)]
    fn negate(&self, v: Value, sp: Span) -> R<Value> {
        match v {
            Value::Int(i) => match 0i64.checked_sub(i) {
                Some(r) => Ok(Value::Int(r)),
                None => err_at(sp, format!("integer overflow in subtracting 0 - {i}")),
            },
            Value::Float(f) => Ok(Value::Float(0.0 - f)),
            v => err_at(sp, format!("expected an integer but found {}", self.show_short(&v))),
        }
    }

    /// `expected a Boolean but found …`, with a frame if given. Error paths
    /// are kept out of line: inlined, they made every frame of the
    /// interpreter's main function bigger.
    #[cold]
    #[inline(never)]
    fn not_a_bool(&self, v: &Value, sp: Span, frame: Option<&str>) -> Box<Error> {
        let mut e = error(ErrKind::Eval, Some(sp), format!("expected a Boolean but found {}", self.show_short(v)));
        if let Some(frame) = frame {
            e.frames.push((Some(sp), frame.to_owned()));
        }
        e
    }

    #[inline(never)]
    fn eval_with_var(&mut self, name: &Sym, global: Option<u32>, sp: Span, env: &Env) -> R<Value> {
        let mut cur = Some(env);
        while let Some(e) = cur {
            if let Some(ns) = e.with_namespace() {
                let ns = self.force(ns)?;
                match &ns {
                    Value::Attrs(a) => {
                        if let Some(v) = a.get_sym(name) {
                            let v = v.clone();
                            return self.force(v);
                        }
                    }
                    v => {
                        return err_at(sp, format!("expected a set but found {}", self.show_short(v)))
                            .frame(Some(sp), || "while evaluating the first subexpression of a with expression".into())
                    }
                }
            }
            cur = e.parent();
        }
        match global {
            Some(g) => {
                let v = self.globals[g as usize].clone();
                self.force(v)
            }
            None => err_at(sp, format!("undefined variable '{name}'")),
        }
    }

    /// A short description of a value for error messages (`a string: "foo"`).
    pub fn show_short(&self, v: &Value) -> String {
        let v = match v {
            Value::Thunk(id) => self.peek_thunk(*id).unwrap_or(Value::Thunk(*id)),
            v => v.clone(),
        };
        format!("{}: {}", v.show_type(), crate::print::print_error_value(self, &v))
    }

    /// Forces and returns an attribute set.
    pub fn force_attrs(&mut self, v: Value, sp: Span) -> R<AttrSet> {
        match self.force(v)? {
            Value::Attrs(a) => Ok(a),
            v => err_at(sp, format!("expected a set but found {}", self.show_short(&v))),
        }
    }

    /// Forces and returns a list.
    pub fn force_list(&mut self, v: Value, sp: Span) -> R<Rc<Vec<Value>>> {
        match self.force(v)? {
            Value::List(l) => Ok(l),
            v => err_at(sp, format!("expected a list but found {}", self.show_short(&v))),
        }
    }

    /// Forces and returns an integer.
    pub fn force_int(&mut self, v: Value, sp: Span) -> R<i64> {
        match self.force(v)? {
            Value::Int(i) => Ok(i),
            v => err_at(sp, format!("expected an integer but found {}", self.show_short(&v))),
        }
    }

    /// Forces and returns a Boolean.
    pub fn force_bool(&mut self, v: Value, sp: Span) -> R<bool> {
        match self.force(v)?.into_bool() {
            Ok(b) => Ok(b),
            Err(v) => err_at(sp, format!("expected a Boolean but found {}", self.show_short(&v))),
        }
    }

    /// Forces a value that must be a string (no coercion); returns it with context.
    pub fn force_str(&mut self, v: Value, sp: Span) -> R<Rc<NixStr>> {
        match self.force(v)? {
            Value::Str(s) => Ok(s),
            v => err_at(sp, format!("expected a string but found {}", self.show_short(&v))),
        }
    }

    /// Forces a string that must carry no context, as Nix's
    /// `forceStringNoCtx` (names, regular expressions, versions, …).
    pub fn force_str_no_ctx(&mut self, v: Value, sp: Span) -> R<Rc<NixStr>> {
        let s = self.force_str(v, sp)?;
        no_context(&s, sp)?;
        Ok(s)
    }

    /// Forces a value that must be a function.
    pub fn force_fn(&mut self, v: Value, sp: Span) -> R<Value> {
        match self.force(v)? {
            v @ (Value::Lambda(_) | Value::Prim(_)) => Ok(v),
            Value::Attrs(a) if a.get_sym(&self.syms.functor).is_some() => Ok(Value::Attrs(a)),
            v => err_at(sp, format!("expected a function but found {}", self.show_short(&v))),
        }
    }

    /// Forces a value deeply (for `--strict`, `deepSeq`).
    pub fn deep_force(&mut self, v: Value) -> R<Value> {
        let mut seen = std::collections::HashSet::new();
        self.deep_force_inner(v, &mut seen)
    }

    fn deep_force_inner(&mut self, v: Value, seen: &mut std::collections::HashSet<usize>) -> R<Value> {
        let v = self.force(v)?;
        self.check_stack()?;
        match &v {
            Value::Attrs(a) => {
                if !seen.insert(a.as_ptr() as usize) {
                    return Ok(v);
                }
                let items: Vec<(Sym, Value, Span)> = a.entries.to_vec();
                for (name, x, sp) in items {
                    self.deep_force_inner(x, seen)
                        .frame(Some(sp), || format!("while evaluating the attribute '{name}'"))?;
                }
            }
            Value::List(l) => {
                if !seen.insert(Rc::as_ptr(l) as *const u8 as usize) {
                    return Ok(v);
                }
                let l = l.clone();
                for x in l.iter() {
                    self.deep_force_inner(x.clone(), seen).frame(None, || "while evaluating a list element".into())?;
                }
            }
            _ => {}
        }
        Ok(v)
    }

    /// Emits a `trace:`/`warning:` message.
    pub fn message(&mut self, line: String) {
        self.messages.push(line);
    }
}

/// Evaluates integer arithmetic/comparison on already-evaluated operands
/// without a thunk. Returns `None` whenever evaluation could fail or need
/// forcing, so laziness is unobservable.
fn cheap_int(e: &Expr, env: &Env, budget: u32) -> Option<Value> {
    match e {
        Expr::Int(i) => Some(Value::Int(*i)),
        Expr::Var(d, s, _, _) => match lookup(env, *d, *s) {
            v @ Value::Int(_) => Some(v),
            _ => None,
        },
        Expr::Bin(op, l, r, _) if budget > 0 => {
            let (Value::Int(x), Value::Int(y)) = (cheap_int(l, env, budget - 1)?, cheap_int(r, env, budget - 1)?)
            else {
                return None;
            };
            ops::int_op(*op, x, y)
        }
        _ => None,
    }
}

/// The error of a thunk forced while it is being evaluated.
#[cold]
#[inline(never)]
fn infinite_recursion() -> Box<Error> {
    error(ErrKind::Eval, None, "infinite recursion encountered")
}

/// Reads slot `slot` of the env `depth` levels up.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
pub fn lookup(env: &Env, depth: u32, slot: u32) -> Value {
    let mut e = env;
    for _ in 0..depth {
        e = e.parent().expect("env depth");
    }
    e.get(slot as usize)
}

/// Fails when `s` carries a context, as Nix's `forceStringNoCtx` does.
pub fn no_context(s: &NixStr, sp: Span) -> R<()> {
    if let Some(first) = s.ctx.as_ref().and_then(|c| c.iter().next()) {
        let shown = match first {
            nixpen_store::ContextElem::Opaque(p) => p.clone(),
            nixpen_store::ContextElem::DrvDeep(p) => format!("{p} (deep)"),
            nixpen_store::ContextElem::Built { drv_path, output } => format!("{drv_path}^{output}"),
        };
        return err_at(sp, format!("the string '{}' is not allowed to refer to a store path (such as '{shown}')", s.s));
    }
    Ok(())
}
