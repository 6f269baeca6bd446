//! Runtime values. Cheap to clone: scalars inline, everything else behind `Rc`.
//! Thunks are indices into the per-evaluation thunk arena, so values never
//! form reference-count cycles and the whole heap is dropped with the arena.

use std::collections::BTreeSet;
use std::rc::Rc;

use nixpen_store::ContextElem;

use crate::expr::{LambdaDef, Span};
use crate::symbol::Sym;

/// A string context: the store paths a string refers to.
pub type Context = BTreeSet<ContextElem>;

/// A Nix string with its context.
#[derive(Debug, Clone, PartialEq)]
pub struct NixStr {
    /// The text (Nix strings are bytes; we keep UTF-8, lossily for binary data).
    /// Shared, so an attribute name becomes a string without a copy.
    pub s: Rc<str>,
    /// The context, if any.
    pub ctx: Option<Box<Context>>,
}

impl NixStr {
    /// The context, or an empty one.
    pub fn context(&self) -> Context {
        self.ctx.as_deref().cloned().unwrap_or_default()
    }
}

/// One attribute: its name, its value and the position of its definition.
pub type Entry = (Sym, Value, Span);

/// An attribute set's entries, sorted by name (what an [`AttrSet`] holds).
#[derive(Debug)]
#[repr(transparent)]
pub struct Attrs {
    /// `(name, value, position of the definition)`, sorted by name.
    pub entries: [Entry],
}

/// An attribute set: a counted reference to one block holding the count,
/// the length and the entries inline (looking a name up in a small set
/// reads one cache line; making a set is one allocation). Cloning counts
/// one more reference; the last one dropped drops the values that share a
/// payload (see [`Value::owns_payload`]) and frees the block.
pub struct AttrSet(std::ptr::NonNull<SetHead>);

/// The start of a set's block; `len` entries follow it.
struct SetHead {
    count: crate::block::Count,
    len: usize,
}

impl AttrSet {
    /// A set of these entries (sorted by name, no name twice), moved into
    /// the set's block.
    pub fn new(mut entries: Vec<Entry>) -> AttrSet {
        let head = SetHead { count: crate::block::Count::one(), len: entries.len() };
        AttrSet(crate::block::alloc_moved(head, &mut entries))
    }

    /// A set of `len` entries, entry `i` made by `entry(i)` (in name order).
    #[inline]
    pub fn build(len: usize, entry: impl FnMut(usize) -> Entry) -> AttrSet {
        AttrSet(crate::block::alloc(SetHead { count: crate::block::Count::one(), len }, len, entry))
    }

    /// Builds a set from unsorted entries; later duplicates win.
    pub fn from_unsorted(mut entries: Vec<Entry>) -> AttrSet {
        nixpen_store::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        entries.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                std::mem::swap(later, earlier);
                true
            } else {
                false
            }
        });
        AttrSet::new(entries)
    }

    fn head(&self) -> &SetHead {
        // SAFETY: the block lives while a reference (this one) counts it.
        unsafe { self.0.as_ref() }
    }

    /// Where the block is (identity, as `Rc::as_ptr`).
    pub fn as_ptr(&self) -> *const u8 {
        self.0.as_ptr() as *const u8
    }

    /// Whether two references are to the same set.
    pub fn ptr_eq(a: &AttrSet, b: &AttrSet) -> bool {
        a.0 == b.0
    }
}

impl std::ops::Deref for AttrSet {
    type Target = Attrs;
    #[inline]
    fn deref(&self) -> &Attrs {
        // SAFETY: `len` initialised entries follow the header; `Attrs` is a
        // transparent wrapper of a slice of them.
        unsafe {
            let entries = crate::block::items::<SetHead, Entry>(self.0);
            &*(std::ptr::slice_from_raw_parts(entries, self.head().len) as *const Attrs)
        }
    }
}

impl Clone for AttrSet {
    #[inline]
    fn clone(&self) -> AttrSet {
        self.head().count.inc();
        AttrSet(self.0)
    }
}

impl Drop for AttrSet {
    #[inline]
    fn drop(&mut self) {
        if self.head().count.dec() {
            self.free();
        }
    }
}

impl AttrSet {
    #[inline(never)]
    fn free(&mut self) {
        let len = self.head().len;
        const _: () = assert!(!std::mem::needs_drop::<Sym>() && !std::mem::needs_drop::<Span>());
        // SAFETY: no reference counts the block any more: each value is
        // dropped once (names and positions own nothing, checked above),
        // then the block is freed.
        unsafe {
            let entries = crate::block::items::<SetHead, Entry>(self.0);
            for i in 0..len {
                Value::drop_in_place_if_shared(&mut (*entries.add(i)).1);
            }
            crate::block::free::<SetHead, Entry>(self.0, len);
        }
    }
}

impl std::fmt::Debug for AttrSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl Attrs {
    /// The bytes one entry takes (for the memory budget).
    pub const ENTRY_BYTES: usize = std::mem::size_of::<(Sym, Value, Span)>();

    /// Looks a name up (binary search).
    #[inline]
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.find(name).map(|i| &self.entries[i].1)
    }

    /// Looks a name up as a symbol (see [`Attrs::find_sym`]).
    #[inline]
    pub fn get_sym(&self, name: &Sym) -> Option<&Value> {
        self.find_sym(name).map(|i| &self.entries[i].1)
    }

    /// The index of `name`.
    #[inline]
    pub fn find(&self, name: &str) -> Option<usize> {
        let e = &self.entries;
        if e.len() < 8 {
            return e.iter().position(|x| x.0.as_str() == name);
        }
        let key = crate::symbol::TextKey::new(name);
        e.binary_search_by(|x| x.0.cmp_text(&key)).ok()
    }

    /// The index of the name `name`: as [`Attrs::find`], but names are
    /// compared as symbols (equal names are the same pointer).
    #[inline]
    pub fn find_sym(&self, name: &Sym) -> Option<usize> {
        let e = &self.entries;
        if e.len() < 8 {
            return e.iter().position(|x| x.0 == *name);
        }
        e.binary_search_by(|x| x.0.cmp(name)).ok()
    }

    /// [`Attrs::find_sym`], trying the index `hint` holds first, and
    /// leaving in it where the name was found.
    #[inline]
    pub fn find_hinted(&self, name: &Sym, hint: &crate::expr::Hint) -> Option<usize> {
        let h = hint.get() as usize;
        if let Some(e) = self.entries.get(h) {
            if e.0 == *name {
                return Some(h);
            }
        }
        let found = self.find_sym(name);
        if let Some(i) = found {
            hint.set(i as u32);
        }
        found
    }

    /// Number of attributes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A closure: a lambda and the env it was created in.
#[derive(Debug)]
pub struct Closure {
    /// The definition.
    pub def: Rc<LambdaDef>,
    /// The captured env.
    pub env: Env,
}

/// A builtin function implementation: receives exactly `arity` arguments.
pub type PrimFn = fn(&mut crate::eval::Interp, &[Value], Span) -> crate::error::R<Value>;

/// A builtin function.
#[derive(Debug)]
pub struct PrimOp {
    /// Name (without `__`).
    pub name: &'static str,
    /// Number of arguments.
    pub arity: usize,
    /// Implementation.
    pub f: PrimFn,
}

/// A builtin, possibly partially applied.
#[derive(Debug)]
pub struct PrimApp {
    /// The builtin.
    pub op: &'static PrimOp,
    /// Arguments given so far (fewer than the arity).
    pub args: Vec<Value>,
}

/// A thunk id: index into the evaluation's thunk arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThunkId(pub u32);

/// A Nix value (possibly an unevaluated thunk).
#[derive(Debug)]
pub enum Value {
    /// `null`
    Null,
    /// Boolean.
    Bool(bool),
    /// 64-bit integer.
    Int(i64),
    /// Float.
    Float(f64),
    /// String.
    Str(Rc<NixStr>),
    /// Path (absolute, normalised). A thin pointer keeps `Value` at 16 bytes.
    Path(Rc<Box<str>>),
    /// Attribute set.
    Attrs(AttrSet),
    /// List.
    List(Rc<Vec<Value>>),
    /// Lambda closure.
    Lambda(Rc<Closure>),
    /// Builtin (possibly partially applied).
    Prim(Rc<PrimApp>),
    /// Not yet evaluated.
    Thunk(ThunkId),
}

impl Clone for Value {
    /// A copy sharing the payload. Written out rather than derived: every
    /// shared payload's count is incremented by the same code, which the
    /// compiler then makes one range check of the tag instead of a jump
    /// through a table per variant (cloning is among the evaluator's most
    /// frequent operations). Inlined everywhere natively; in the browser's
    /// build, sized for download, where the compiler sees fit.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn clone(&self) -> Value {
        // SAFETY: the copy made by `ptr::read` owns a reference to the
        // shared payload, if any, which is counted first; the other
        // variants hold plain data.
        unsafe {
            match self {
                Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Thunk(_) => {}
                Value::Str(x) => Rc::increment_strong_count(Rc::as_ptr(x)),
                Value::Path(x) => Rc::increment_strong_count(Rc::as_ptr(x)),
                Value::Attrs(x) => std::mem::forget(x.clone()),
                Value::List(x) => Rc::increment_strong_count(Rc::as_ptr(x)),
                Value::Lambda(x) => Rc::increment_strong_count(Rc::as_ptr(x)),
                Value::Prim(x) => Rc::increment_strong_count(Rc::as_ptr(x)),
            }
            std::ptr::read(self)
        }
    }
}

impl Value {
    /// Whether this value shares a payload (and dropping it decrements a
    /// count): a range test of the tag.
    #[inline(always)]
    pub fn owns_payload(&self) -> bool {
        !matches!(self, Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Thunk(_))
    }

    /// A string value without context.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(NixStr { s: s.into(), ctx: None }))
    }

    /// A string value from an owned string with an optional context.
    /// Its text is put back in form after a concatenation may have joined
    /// raw bytes (`bytes::joined`, free until a raw byte was seen).
    pub fn string(s: String, ctx: Option<Context>) -> Value {
        let ctx = ctx.filter(|c| !c.is_empty()).map(Box::new);
        Value::Str(Rc::new(NixStr { s: Rc::from(crate::bytes::joined(s)), ctx }))
    }

    /// A path value (the text must be absolute and normalised).
    pub fn path(p: &str) -> Value {
        Value::Path(Rc::new(p.into()))
    }

    /// Drops the value at `v` in place if it shares a payload; one that
    /// does not owns nothing, and no call to the generic drop is made.
    ///
    /// # Safety
    /// `v` must point to a live value that is not used again.
    #[inline]
    pub unsafe fn drop_in_place_if_shared(v: *mut Value) {
        // SAFETY: as the caller guarantees.
        unsafe {
            if (*v).owns_payload() {
                std::ptr::drop_in_place(v);
            }
        }
    }

    /// The Boolean this value is, or the value itself when it is not one.
    /// A Boolean owns nothing and is not dropped: this spares the generic
    /// drop of a value, which the compiler calls even where the kind is
    /// known (a call for every condition evaluated).
    #[inline(always)]
    pub fn into_bool(self) -> Result<bool, Value> {
        if let Value::Bool(b) = self {
            std::mem::forget(self);
            Ok(b)
        } else {
            Err(self)
        }
    }

    /// A list value.
    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(v))
    }

    /// An attribute set from sorted entries.
    pub fn attrs(a: AttrSet) -> Value {
        Value::Attrs(a)
    }

    /// The type name as `builtins.typeOf` gives it.
    pub fn type_of(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "string",
            Value::Path(_) => "path",
            Value::Attrs(_) => "set",
            Value::List(_) => "list",
            Value::Lambda(_) | Value::Prim(_) => "lambda",
            Value::Thunk(_) => "thunk",
        }
    }

    /// The type as Nix's `showType` of a value names it in most errors:
    /// as [`Value::type_desc`], but naming a builtin (`the built-in
    /// function 'map'`) and a string's context (`a string with context`).
    pub fn show_type(&self) -> std::borrow::Cow<'static, str> {
        match self {
            Value::Str(s) if s.ctx.as_ref().is_some_and(|c| !c.is_empty()) => "a string with context".into(),
            Value::Prim(p) if p.args.is_empty() => format!("the built-in function '{}'", p.op.name).into(),
            Value::Prim(p) => format!("the partially applied built-in function '{}'", p.op.name).into(),
            v => v.type_desc().into(),
        }
    }

    /// The type as error messages name it (`a string`, `an integer`, …).
    pub fn type_desc(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a Boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Str(_) => "a string",
            Value::Path(_) => "a path",
            Value::Attrs(_) => "a set",
            Value::List(_) => "a list",
            Value::Lambda(_) => "a function",
            Value::Prim(p) if p.args.is_empty() => "a built-in function",
            Value::Prim(_) => "a partially applied built-in function",
            Value::Thunk(_) => "a thunk",
        }
    }
}

/// A runtime environment frame: a counted reference to one block holding
/// the count, the enclosing frame and the slots, inline (a one-slot frame,
/// the env of most calls, is 40 bytes). Cloning counts one more reference;
/// the last one dropped drops the slots and the parent and frees the block.
/// A `with` frame holds its namespace in slot 0 (no variable names it).
///
/// The slots are plain cells, not `RefCell`s: a slot is only read (cloned)
/// or replaced, each done whole by [`Env::get`] and [`Env::set`], which run
/// no code that could reach the same frame meanwhile.
pub struct Env(std::ptr::NonNull<EnvHead>);

/// The start of a frame's block; `len` slots (at least one) follow it.
struct EnvHead {
    count: crate::block::Count,
    parent: Option<Env>,
    len: u32,
    is_with: bool,
}

impl Env {
    /// A frame of `len` slots (at least one) filled by `fill(i)`.
    #[inline]
    fn alloc(len: usize, parent: Option<Env>, is_with: bool, fill: impl FnMut(usize) -> Value) -> Env {
        let len = len.max(1);
        let head = EnvHead { count: crate::block::Count::one(), parent, len: len as u32, is_with };
        Env(crate::block::alloc(head, len, fill))
    }

    fn head(&self) -> &EnvHead {
        // SAFETY: the block lives while a reference (this one) counts it.
        unsafe { self.0.as_ref() }
    }

    /// The slots.
    #[inline]
    fn slots(&self) -> *mut Value {
        // SAFETY: the block is a frame's, made by `Env::alloc`.
        unsafe { crate::block::items::<EnvHead, Value>(self.0) }
    }

    /// The frame of a file's top level: no variables, no parent.
    pub fn root() -> Env {
        Env::blank(0, None)
    }

    /// A frame with exactly one slot (the env of most calls), made by a
    /// plain allocation of the same layout, which the compiler inlines.
    #[inline]
    pub fn one(v: Value, parent: Option<Env>) -> Env {
        #[repr(C)]
        struct One {
            head: EnvHead,
            slot: Value,
        }
        const _: () = assert!(std::mem::offset_of!(One, slot) == std::mem::size_of::<EnvHead>());
        debug_assert_eq!(std::alloc::Layout::new::<One>(), crate::block::layout::<EnvHead, Value>(1));
        let head = EnvHead { count: crate::block::Count::one(), parent, len: 1, is_with: false };
        let frame = Box::new(One { head, slot: v });
        // SAFETY: `One` is laid out as a one-slot frame's block (the header,
        // then the slot; the same layout, with which `free` deallocates it).
        Env(unsafe { std::ptr::NonNull::new_unchecked(Box::into_raw(frame) as *mut EnvHead) })
    }

    /// A frame of `len` slots, all `null` until set.
    pub fn blank(len: usize, parent: Option<Env>) -> Env {
        Env::alloc(len, parent, false, |_| Value::Null)
    }

    /// A `with` frame.
    pub fn with(ns: Value, parent: Option<Env>) -> Env {
        let mut ns = Some(ns);
        Env::alloc(1, parent, true, |_| ns.take().unwrap_or(Value::Null))
    }

    /// The enclosing frame.
    #[inline]
    pub fn parent(&self) -> Option<&Env> {
        self.head().parent.as_ref()
    }

    /// Whether this is the only reference to the frame: nothing else (no
    /// closure, no thunk, no enclosed frame) can read its slots.
    #[inline]
    pub fn is_unique(&self) -> bool {
        self.head().count.is_one()
    }

    /// The namespace of a `with` frame.
    pub fn with_namespace(&self) -> Option<Value> {
        self.head().is_with.then(|| self.get(0))
    }

    /// The value in slot `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Value {
        if i >= self.head().len as usize {
            slot_out_of_range();
        }
        // SAFETY: in range; see the type's comment: no reference into the
        // slots outlives this call, and cloning a value runs no evaluator code.
        unsafe { (*self.slots().add(i)).clone() }
    }

    /// Sets slot `i`.
    #[inline]
    pub fn set(&self, i: usize, v: Value) {
        if i >= self.head().len as usize {
            slot_out_of_range();
        }
        // SAFETY: as in `get`; dropping the old value frees memory only (it
        // cannot free this frame, which the caller holds).
        unsafe { *self.slots().add(i) = v };
    }
}

/// A slot past a frame's end: a bug in lowering, caught as an internal error.
#[cold]
#[inline(never)]
fn slot_out_of_range() -> ! {
    panic!("env slot out of range")
}

impl Clone for Env {
    #[inline]
    fn clone(&self) -> Env {
        self.head().count.inc();
        Env(self.0)
    }
}

impl Drop for Env {
    /// Counts one reference less; the last one drops the slots that share
    /// a payload (see [`Value::owns_payload`]), then the parent, and frees
    /// the block.
    #[inline]
    fn drop(&mut self) {
        if self.head().count.dec() {
            self.free();
        }
    }
}

impl Env {
    #[inline(never)]
    fn free(&mut self) {
        let len = self.head().len as usize;
        // SAFETY: no reference counts the block any more: its slots and
        // parent are dropped once each, then the block is freed.
        unsafe {
            let slots = self.slots();
            for i in 0..len {
                Value::drop_in_place_if_shared(slots.add(i));
            }
            std::ptr::drop_in_place(&mut (*self.0.as_ptr()).parent);
            crate::block::free::<EnvHead, Value>(self.0, len);
        }
    }
}

impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Env").field("parent", &self.parent().is_some()).field("with", &self.head().is_with).finish()
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn values_stay_small() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
        assert!(std::mem::size_of::<crate::eval::Thunk>() <= 24);
        assert_eq!(std::mem::size_of::<Env>(), 8);
    }
}
