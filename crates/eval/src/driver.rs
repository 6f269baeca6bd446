//! [`Evaluator`]: the entry point. Runs one request on a fresh heap.

use crate::api::*;
use crate::cache::Cache;
use crate::error::{render, ErrKind, Error, R};
use crate::eval::{Heap, Interp};
use crate::expr::Span;
use crate::symbol::{LocalNames, Scope, Sym};
use crate::value::*;

/// Long-lived: owns the parse/lower cache (keyed by path, kept while the text is unchanged)
/// so unchanged files are never parsed twice. Each `eval` call gets a fresh
/// heap that is dropped whole when the call returns (memory stays flat).
pub struct Evaluator {
    config: EvalConfig,
    cache: Cache,
    /// The heaps of the last evaluations under [`HeapRelease::Defer`].
    deferred: Vec<Heap>,
    /// The names this evaluator made (see `crate::symbol`). Declared last:
    /// dropped after the trees and heaps that use them.
    names: LocalNames,
}

/// How many deferred heaps are kept before `eval` frees them itself.
const MAX_DEFERRED_HEAPS: usize = 4;

#[cfg(not(target_arch = "wasm32"))]
struct AssertSend<T>(T);
// SAFETY: the value is only used by the spawned thread while the spawning
// thread waits for it (scoped thread, joined before returning); nothing is
// accessed from two threads at once, and no thread-locals are involved.
#[cfg(not(target_arch = "wasm32"))]
unsafe impl<T> Send for AssertSend<T> {}

/// Stack beyond the evaluation's budget: room for the frames below the
/// evaluation's entry and for the budget check's granularity.
#[cfg(not(target_arch = "wasm32"))]
const STACK_MARGIN: usize = 16 << 20;

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    /// The stack size of the current thread when [`with_eval_stack`] started it, else 0.
    static EVAL_STACK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The stack an evaluation under `limits` needs, or `None` when the current
/// thread (one [`with_eval_stack`] started) has it already.
#[cfg(not(target_arch = "wasm32"))]
fn stack_needed(limits: &crate::limits::Limits) -> Option<usize> {
    let stack = limits.max_stack_bytes + STACK_MARGIN;
    (EVAL_STACK.with(|s| s.get()) < stack).then_some(stack)
}

/// Runs `f` on a new thread whose stack holds evaluations under `limits`,
/// and returns its result. Natively, each evaluation otherwise runs on a
/// thread of its own, started for it with a stack big enough for the
/// budget; inside `f` they run on this one thread instead, which a program
/// evaluating many times wants: no thread is started per evaluation, and
/// each heap is freed by the thread that allocated it. On wasm (no threads)
/// it just calls `f`, and so it does on a thread it started already.
///
/// ```
/// use nixpen_eval::*;
/// let n = with_eval_stack(&Limits::default(), || {
///     let mut ev = Evaluator::new(EvalConfig::default());
///     (0..3).map(|i| ev.eval(&Request::expr(&format!("{i} * 2"))).result.unwrap()).collect::<Vec<_>>()
/// });
/// assert_eq!(n, ["0", "2", "4"]);
/// ```
pub fn with_eval_stack<T: Send>(limits: &crate::limits::Limits, f: impl FnOnce() -> T + Send) -> T {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let Some(stack) = stack_needed(limits) else {
            return f();
        };
        let run = move || {
            EVAL_STACK.with(|s| s.set(stack));
            f()
        };
        std::thread::scope(|scope| match std::thread::Builder::new().stack_size(stack).spawn_scoped(scope, run) {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(e) => panic!("cannot start the evaluation thread: {e}"),
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = limits;
        f()
    }
}

impl Evaluator {
    /// A new evaluator with the given configuration.
    pub fn new(config: EvalConfig) -> Evaluator {
        Evaluator { config, cache: Cache::default(), deferred: Vec::new(), names: LocalNames::default() }
    }

    /// The configuration (changes apply to the next `eval`).
    pub fn config_mut(&mut self) -> &mut EvalConfig {
        &mut self.config
    }

    /// The configuration.
    pub fn config(&self) -> &EvalConfig {
        &self.config
    }

    /// How many files have been parsed so far (unchanged files are parsed
    /// once; files decoded from [`EvalConfig::snapshot`] are not parsed).
    pub fn parse_count(&self) -> usize {
        self.cache.parse_count
    }

    /// Parses and lowers `text` as if it were the file `name` (no evaluation):
    /// reports syntax errors, undefined variables and duplicate attributes.
    pub fn check_syntax(&mut self, name: &str, text: &str) -> Result<(), EvalError> {
        let config = self.config.clone();
        let _names = self.names_scope();
        let cache = &mut self.cache;
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut it = Interp::new(cache, &config);
            match it.parse_source(name, text) {
                Ok(_) => Ok(()),
                Err(e) => Err(to_public(&it, &e)),
            }
        }));
        match r {
            Ok(r) => r,
            Err(_) => Err(EvalError {
                message: "internal parser error".into(),
                pos: None,
                rendered: "error: internal parser error".into(),
            }),
        }
    }

    /// Frees the heaps [`HeapRelease::Defer`] evaluations left behind.
    pub fn release_heap(&mut self) {
        for heap in self.deferred.drain(..) {
            heap.free_into(&mut self.cache);
        }
        self.sweep_names();
    }

    /// The names this evaluator makes go to its own table while the scope
    /// lives, unless its heaps are leaked (one evaluation per process, the
    /// CLI: nothing is ever swept, and the process table costs less). Once
    /// it has names of its own it keeps using them.
    fn names_scope(&self) -> Option<Scope> {
        (self.config.heap_release != HeapRelease::Leak || !self.names.is_empty()).then(|| Scope::enter(&self.names))
    }

    /// How many names this evaluator's own table holds (for tests of how
    /// long sessions use memory).
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// Drops the names of this evaluator's table that nothing it keeps
    /// uses, once enough were made since the last time and no heap of it
    /// is left (a leaked heap is never read again, but is never freed
    /// either: its names are kept).
    fn sweep_names(&mut self) {
        if !self.deferred.is_empty() || self.config.heap_release == HeapRelease::Leak || !self.names.sweep_due() {
            return;
        }
        // SAFETY: no heap of this evaluator is left (freed, not deferred,
        // not leaked), and the cache holds the names of every tree it keeps
        // and of its decoder's table.
        unsafe { self.names.sweep(self.cache.names()) };
        self.cache.local_name_texts = Vec::new();
    }

    /// Evaluates a request. Never panics: internal failures become errors.
    pub fn eval(&mut self, request: &Request) -> Outcome {
        self.eval_many(request, &Part::whole(request)).into_outcome()
    }

    /// Evaluates a request whose value is an attribute set and prints the
    /// attributes `parts` names, each in its own format (`--strict` per the
    /// request), in one evaluation: what they share is evaluated once. An
    /// error in one part is that part's result; the others still print.
    ///
    /// ```
    /// use nixpen_eval::*;
    /// let mut ev = Evaluator::new(EvalConfig::default());
    /// let out = ev.eval_parts(&Request::expr("let n = 1 + 2; in { a = n; b = [ n ]; c = throw \"no\"; }"),
    ///                         &[("a", OutputFormat::Nix), ("b", OutputFormat::Json), ("c", OutputFormat::Nix)]);
    /// assert_eq!(out.results[0].as_deref().unwrap(), "3");
    /// assert_eq!(out.results[1].as_deref().unwrap(), "[3]");
    /// assert!(out.results[2].as_ref().unwrap_err().message.contains("no"));
    /// ```
    pub fn eval_parts(&mut self, request: &Request, parts: &[(&str, OutputFormat)]) -> PartsOutcome {
        let parts: Vec<Part> =
            parts.iter().map(|(attr, format)| Part { attr: Some(attr.to_string()), format: *format }).collect();
        self.eval_many(request, &parts)
    }

    /// Runs one evaluation printing `parts`, on a thread with the stack
    /// budget (natively).
    fn eval_many(&mut self, request: &Request, parts: &[Part]) -> PartsOutcome {
        if self.deferred.len() >= MAX_DEFERRED_HEAPS {
            self.release_heap();
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let Some(stack) = stack_needed(&self.config.limits) else {
                return self.eval_many_here(request, parts);
            };
            let job = AssertSend((&mut *self, request, parts));
            let r = std::thread::scope(|s| {
                let h = std::thread::Builder::new().stack_size(stack).spawn_scoped(s, move || {
                    let job = job;
                    let (ev, req, parts) = job.0;
                    AssertSend(ev.eval_many_here(req, parts))
                });
                match h {
                    Ok(h) => h.join().ok().map(|x| x.0),
                    Err(_) => None,
                }
            });
            match r {
                Some(o) => o,
                None => self.eval_many_here(request, parts),
            }
        }
        #[cfg(target_arch = "wasm32")]
        {
            self.eval_many_here(request, parts)
        }
    }

    /// Evaluates on the current thread (the stack budget still applies).
    pub fn eval_here(&mut self, request: &Request) -> Outcome {
        self.eval_many_here(request, &Part::whole(request)).into_outcome()
    }

    fn eval_many_here(&mut self, request: &Request, parts: &[Part]) -> PartsOutcome {
        let config = self.config.clone();
        let names = self.names_scope();
        let cache = &mut self.cache;
        let scope = nixpen_alloc::Evaluating::begin();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cache, &config, request, parts)));
        drop(scope);
        drop(names);
        match r {
            Ok((o, heap)) => {
                self.deferred.extend(heap);
                self.sweep_names();
                o
            }
            Err(p) => {
                let what = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown".into());
                // The cache may be inconsistent after a panic: start afresh.
                self.cache = Cache::default();
                let error = internal_error(&format!("internal evaluator error: {what}"));
                PartsOutcome { results: parts.iter().map(|_| Err(error.clone())).collect(), messages: Vec::new() }
            }
        }
    }
}

/// What to print of an evaluation's value: the value itself (`attr: None`)
/// or one of its attributes, in a format.
struct Part {
    attr: Option<String>,
    format: OutputFormat,
}

impl Part {
    /// The one part of a plain request: its whole value in its format.
    fn whole(request: &Request) -> [Part; 1] {
        [Part { attr: None, format: request.format }]
    }
}

impl PartsOutcome {
    /// The outcome of a request with one part.
    fn into_outcome(mut self) -> Outcome {
        let result = self.results.pop().unwrap_or_else(|| Err(internal_error("no result")));
        Outcome { result, messages: self.messages }
    }
}

fn internal_error(message: &str) -> EvalError {
    EvalError { rendered: format!("error: {message}"), message: message.to_string(), pos: None }
}

/// Runs one request on a fresh heap; returns the outcome and, under
/// [`HeapRelease::Defer`], the heap still to be freed.
fn run(cache: &mut Cache, config: &EvalConfig, request: &Request, parts: &[Part]) -> (PartsOutcome, Option<Heap>) {
    let mut it = Interp::new(cache, config);
    it.set_stack_base();
    let root = root_value(&mut it, request);
    let mut results = Vec::with_capacity(parts.len());
    for part in parts {
        let printed = root.clone().and_then(|v| {
            let v = match &part.attr {
                Some(name) => select_attr(&mut it, v, name)?,
                None => v,
            };
            print_value(&mut it, v, part.format, request.strict)
        });
        results.push(printed.map_err(|e| to_public(&it, &e)));
    }
    let messages = std::mem::take(&mut it.messages);
    it.record_arena_size();
    let heap = match config.heap_release {
        HeapRelease::Free => {
            let heap = it.take_heap();
            heap.free_into(it.cache);
            None
        }
        HeapRelease::Defer => Some(it.take_heap()),
        HeapRelease::Leak => {
            it.leak_heap();
            None
        }
    };
    drop(it);
    (PartsOutcome { results, messages }, heap)
}

fn to_public(it: &Interp, e: &Error) -> EvalError {
    let pos = e.span.and_then(|sp| {
        it.cache.files.get(sp.file).map(|f| {
            let (line, column) = f.line_col(sp.off);
            Pos { file: f.path.clone(), line, column }
        })
    });
    let show_trace = it.config.show_trace && e.kind != ErrKind::Limit;
    // Like Nix writing to a non-terminal, ANSI escapes are filtered out.
    EvalError { message: strip_ansi(&e.msg), pos, rendered: strip_ansi(&render(e, &it.cache.files, show_trace)) }
}

/// Removes ANSI escape sequences (`ESC [ … letter`).
fn strip_ansi(s: &str) -> String {
    if !s.contains('\u{1b}') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn auto_call(it: &mut Interp, v: Value, request: &Request) -> R<Value> {
    let v = it.force(v)?;
    let Value::Lambda(c) = &v else { return Ok(v) };
    let crate::expr::Param::Formals { formals, ellipsis, .. } = &c.def.param else { return Ok(v) };
    let mut entries = Vec::new();
    for (name, arg) in &request.auto_args {
        if !*ellipsis && !formals.iter().any(|f| f.0.as_str() == name) {
            continue;
        }
        let value = match arg {
            AutoArg::Str(s) => Value::string(crate::bytes::from_text(s.clone()), None),
            AutoArg::Expr(text) => {
                let (root, _) = it.parse_source("«string»", text)?;
                let env = Env::root();
                it.new_thunk(crate::eval::Thunk::Pending(crate::expr::ExprRef::new(&root), env))
            }
        };
        entries.push((Sym::new(name), value, Span::default()));
    }
    let arg = Value::attrs(AttrSet::from_unsorted(entries));
    it.call(v, arg, Span::default())
}

/// Splits `a."b.c".d` into its components.
fn split_attr_path(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in path.chars() {
        match c {
            '"' => quoted = !quoted,
            '.' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

/// One step `part` of the selection path `path` (named in errors).
fn select_attr_step(it: &mut Interp, v: Value, part: &str, path: &str) -> R<Value> {
    match it.force(v)? {
        Value::List(l) if part.parse::<usize>().is_ok() => {
            let i: usize = part.parse().unwrap_or(usize::MAX);
            match l.get(i) {
                Some(x) => Ok(x.clone()),
                None => crate::error::err(format!("list index {i} in selection path '{path}' is out of range")),
            }
        }
        Value::Attrs(a) => match a.get(part) {
            Some(x) => Ok(x.clone()),
            None => crate::error::err(format!("attribute '{part}' in selection path '{path}' not found")),
        },
        other => crate::error::err(format!(
            "the expression selected by the selection path '{path}' should be a set but is {}",
            other.type_desc()
        )),
    }
}

/// The request's value: its file or expression evaluated, auto-called with
/// `--arg`s, `-A` selected, forced to weak head normal form.
fn root_value(it: &mut Interp, request: &Request) -> R<Value> {
    let root = match &request.input {
        Input::File(path) => {
            let p = crate::fs::join(&it.config.cwd, path);
            let (root, _) = it.load_file(&p, None)?;
            root
        }
        Input::Expr { text } => it.parse_source("«string»", &crate::bytes::from_text(text.clone()))?.0,
    };
    let env = Env::root();
    let mut v = it.eval(&root, &env)?;
    // As Nix's `findAlongAttrPath`: a function is called (with the
    // `--arg`s it takes, or none) before each step of the `-A` path; the
    // value reached is called only when there are `--arg`s, so a plain
    // `nix-instantiate --eval` of a function prints `<LAMBDA>`.
    if let Some(path) = &request.attr {
        for part in split_attr_path(path) {
            v = auto_call(it, v, request)?;
            v = select_attr_step(it, v, &part, path)?;
        }
    }
    if !request.auto_args.is_empty() {
        v = auto_call(it, v, request)?;
    }
    it.force(v)
}

/// Attribute `name` of the set `v` (a part of [`Evaluator::eval_parts`]).
fn select_attr(it: &mut Interp, v: Value, name: &str) -> R<Value> {
    match it.force(v)? {
        Value::Attrs(a) => match a.get(name) {
            Some(x) => {
                let x = x.clone();
                it.force(x)
            }
            None => crate::error::err(format!("attribute '{name}' missing")),
        },
        other => crate::error::err(format!("value is {} while a set was expected", other.type_desc())),
    }
}

/// Prints a value as `nix-instantiate --eval` would in `format`.
fn print_value(it: &mut Interp, v: Value, format: OutputFormat, strict: bool) -> R<String> {
    match format {
        OutputFormat::Nix => {
            if strict {
                it.deep_force(v.clone())?;
            }
            crate::print::print_nix(it, v, strict)
        }
        OutputFormat::Json => {
            let mut ctx = Context::new();
            // Like `nix-instantiate --json`, paths are copied to the store.
            crate::print::json::to_json(it, v, true, &mut ctx, Span::default())
        }
        OutputFormat::Xml { location } => {
            if strict {
                it.deep_force(v.clone())?;
            }
            let s = crate::print::xml::to_xml(it, v, location, strict)?;
            Ok(s.trim_end_matches('\n').to_string())
        }
    }
}
