//! An evaluator's own table of names, and dropping the names it no longer
//! needs.
//!
//! While an evaluator runs ([`Scope`]), the names it makes go to its table
//! unless the process table has them. Which of them can still be used once
//! the evaluation's heap is freed is known: the names in the lowered trees
//! the evaluator keeps (recorded per file while it is lowered, see
//! [`recording`]) and those its snapshot decoder remembers. [`LocalNames::sweep`]
//! drops the others, called by the evaluator when no heap of it is left and
//! enough names were made since the last sweep: names a long session typed
//! or computed once do not pile up.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ptr::NonNull;

use super::{process_name, Name, NameHash, Sym, LOCAL_INDEX};

/// Names made since the last sweep before the next one is worth its cost
/// (a pass over the kept files' names).
const SWEEP_AFTER: usize = 512;

/// One evaluator's names (see the module's documentation).
#[derive(Default)]
pub struct LocalNames {
    table: RefCell<Table>,
}

#[derive(Default)]
struct Table {
    /// Every name of this table, by text (the key is the name's own text),
    /// with the last evaluation that asked for it.
    by_text: HashMap<&'static str, (Sym, u32), NameHash>,
    /// Numbers of dropped names, for the next names made.
    free: Vec<u32>,
    /// Names made since the last sweep.
    made: usize,
    /// The number of the current (or last) evaluation.
    evaluation: u32,
}

/// What this thread is doing with names (one thread-local, read once per
/// name made).
struct State {
    /// The table of the evaluator running on this thread, if any.
    current: Cell<*const LocalNames>,
    /// The names used by the file being lowered, if one is (a vector on
    /// the stack of [`recording`]).
    record: Cell<*mut Vec<Sym>>,
}

thread_local! {
    static STATE: State = const { State { current: Cell::new(std::ptr::null()), record: Cell::new(std::ptr::null_mut()) } };
}

/// While it lives, names made on this thread go to one evaluator's table.
pub struct Scope {
    previous: *const LocalNames,
}

impl Scope {
    /// Makes `names` the table of this thread until the scope ends (one
    /// evaluation). The table must outlive the scope and not move meanwhile.
    pub fn enter(names: &LocalNames) -> Scope {
        let mut table = names.table.borrow_mut();
        table.evaluation = table.evaluation.wrapping_add(1);
        drop(table);
        Scope { previous: STATE.with(|s| s.current.replace(names)) }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        STATE.with(|s| s.current.set(self.previous));
    }
}

/// The name `text` from the current evaluator's table, made there if
/// neither it nor the process table has it; `None` outside evaluations.
#[inline]
/// With `lasting`, a name made is made in the process table instead (for
/// names of a fixed vocabulary, which cannot pile up).
pub(super) fn intern(text: &str, lasting: bool) -> Option<Sym> {
    STATE.with(|state| {
        let current = state.current.get();
        if current.is_null() {
            return None;
        }
        // SAFETY: a `Scope` set it, and the table outlives the scope.
        let sym = unsafe { &*current }.intern(text, lasting)?;
        note_in(state, sym);
        Some(sym)
    })
}

/// Records that the file being lowered (if one is) uses the name `sym`
/// (for a name of the evaluator's table; those of the process table live
/// for ever).
pub fn note(sym: Sym) {
    STATE.with(|state| note_in(state, sym));
}

#[inline]
fn note_in(state: &State, sym: Sym) {
    let record = state.record.get();
    if !record.is_null() && sym.index() as u32 & LOCAL_INDEX != 0 {
        // SAFETY: `recording` set it to a vector it owns, and resets it
        // before the vector goes; nothing else refers to the vector.
        unsafe { (*record).push(sym) };
    }
}

/// Runs `f` (lowering one file), and returns with its result the names of
/// the evaluator's table it used (each once), which the evaluator keeps with
/// the file's tree: they are not dropped while it is kept.
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<Sym>) {
    /// Puts back the recording this one interrupted, also on unwinding.
    struct Restore(*mut Vec<Sym>);
    impl Drop for Restore {
        fn drop(&mut self) {
            STATE.with(|s| s.record.set(self.0));
        }
    }
    let mut names = Vec::new();
    let restore = Restore(STATE.with(|s| s.record.replace(&mut names)));
    let value = f();
    drop(restore);
    nixpen_store::sort::sort_by(&mut names, |a, b| a.0.cmp(&b.0));
    names.dedup();
    names.shrink_to_fit();
    (value, names)
}

impl LocalNames {
    /// The name `text`: this table's, else the process table's, else made
    /// here; `None` (to be made in the process table) when `lasting` and
    /// neither has it.
    fn intern(&self, text: &str, lasting: bool) -> Option<Sym> {
        let mut table = self.table.borrow_mut();
        let evaluation = table.evaluation;
        if let Some((sym, last)) = table.by_text.get_mut(text) {
            *last = evaluation;
            return Some(*sym);
        }
        if let Some(sym) = process_name(text) {
            return Some(sym);
        }
        if lasting {
            return None;
        }
        let number = match table.free.pop() {
            Some(n) => n,
            None => table.by_text.len() as u32,
        };
        let sym = Sym(Name::make(text, LOCAL_INDEX | number));
        // SAFETY: the key is removed from the table before the name is freed.
        let key: &'static str = unsafe { &(*sym.0.as_ptr()).text };
        table.made += 1;
        nixpen_alloc::outside_evaluation(|| table.by_text.insert(key, (sym, evaluation)));
        Some(sym)
    }

    /// Whether the table holds no name.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many names the table holds.
    pub fn len(&self) -> usize {
        self.table.borrow().by_text.len()
    }

    /// Whether enough names were made since the last sweep for one to be
    /// worth its cost.
    pub fn sweep_due(&self) -> bool {
        self.table.borrow().made >= SWEEP_AFTER
    }

    /// Drops every name of the table but those `kept` holds and those the
    /// last evaluation asked for (which the next one likely asks for again:
    /// a program making the same 50,000 names on every run makes them once).
    ///
    /// # Safety
    /// Nothing may use a dropped name afterwards: no value of an evaluation
    /// is left, and `kept` holds every name of this table that the
    /// evaluator keeps anywhere (its lowered trees, its decoder's table).
    pub unsafe fn sweep<'a>(&self, kept: impl IntoIterator<Item = &'a Sym>) {
        let kept: HashSet<NonNull<Name>> = kept.into_iter().map(|s| s.0).collect();
        let mut table = self.table.borrow_mut();
        let Table { by_text, free, made, evaluation } = &mut *table;
        let mut dropped = Vec::new();
        by_text.retain(|_, (sym, last)| {
            let keep = *last == *evaluation || kept.contains(&sym.0);
            if !keep {
                dropped.push(*sym);
            }
            keep
        });
        for sym in dropped {
            free.push(sym.index() as u32 & !LOCAL_INDEX);
            // SAFETY: made by `Name::make`, its entry (whose key is its
            // text) is gone, and the caller guarantees nothing uses it.
            drop(unsafe { Box::from_raw(sym.0.as_ptr()) });
        }
        *made = 0;
        by_text.shrink_to(by_text.len() * 2);
    }
}

impl Drop for LocalNames {
    fn drop(&mut self) {
        for (_, (sym, _)) in self.table.get_mut().by_text.drain() {
            // SAFETY: made by `Name::make`, dropped once; the evaluator
            // owning the table is being dropped, with its trees and heaps:
            // nothing uses its names any more.
            drop(unsafe { Box::from_raw(sym.0.as_ptr()) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_scope<T>(names: &LocalNames, f: impl FnOnce() -> T) -> T {
        let _scope = Scope::enter(names);
        f()
    }

    #[test]
    fn names_made_in_a_scope_are_the_evaluators() {
        let names = LocalNames::default();
        let (a, b, known) = in_scope(&names, || (Sym::new("scoped-a"), Sym::new("scoped-a"), Sym::new("outPath")));
        assert_eq!(a, b);
        assert_ne!(a.index() as u32 & LOCAL_INDEX, 0);
        assert_eq!(known, Sym::new("outPath"), "the process table's names are shared");
        assert_eq!(names.len(), 1);
        // Outside the scope the same text is another name, of the process table.
        assert_ne!(Sym::new("scoped-a"), a);
        assert_eq!(in_scope(&names, || Sym::new("scoped-a")), a, "the evaluator's own comes first");
    }

    #[test]
    fn a_sweep_drops_what_is_neither_kept_nor_recent() {
        let names = LocalNames::default();
        let (kept, gone) = in_scope(&names, || (Sym::new("sweep-kept"), Sym::new("sweep-gone")));
        // The last evaluation asks for one name only.
        let recent = in_scope(&names, || Sym::new("sweep-recent"));
        let number = gone.index();
        // SAFETY: nothing uses `gone` after the sweep.
        unsafe { names.sweep([&kept]) };
        assert_eq!(names.len(), 2);
        let (kept_again, recent_again, other) =
            in_scope(&names, || (Sym::new("sweep-kept"), Sym::new("sweep-recent"), Sym::new("sweep-other")));
        assert_eq!((kept_again, recent_again), (kept, recent));
        assert_eq!(other.index(), number, "a dropped name's number is reused");
    }

    #[test]
    fn recording_lists_the_evaluators_names_used() {
        let names = LocalNames::default();
        let (first, used) = in_scope(&names, || {
            let first = Sym::new("recorded-1");
            let (_, used) = recording(|| {
                Sym::new("recorded-2");
                Sym::new("recorded-1");
                Sym::new("recorded-2");
                Sym::new("name");
            });
            (first, used)
        });
        let mut texts: Vec<&str> = used.iter().map(|s| s.as_str()).collect();
        texts.sort();
        assert_eq!(texts, ["recorded-1", "recorded-2"], "each once, and not the process table's");
        assert!(used.contains(&first));
    }
}
