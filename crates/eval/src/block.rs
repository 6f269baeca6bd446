//! Counted blocks: a header, then items, in one allocation. Attribute
//! sets and env frames (`value.rs`) are such blocks: making one is one
//! allocation, and its first items share a cache line with its header.

use std::alloc::Layout;
use std::cell::Cell;
use std::ptr::NonNull;

/// A block's reference count (not atomic: values stay on one thread).
pub(crate) struct Count(Cell<usize>);

impl Count {
    /// The count of a new block: one reference.
    pub(crate) fn one() -> Count {
        Count(Cell::new(1))
    }

    /// Counts one more reference.
    #[inline]
    pub(crate) fn inc(&self) {
        self.0.set(self.0.get() + 1);
    }

    /// Whether exactly one reference counts the block.
    #[inline]
    pub(crate) fn is_one(&self) -> bool {
        self.0.get() == 1
    }

    /// Counts one reference less; whether it was the last.
    #[inline]
    pub(crate) fn dec(&self) -> bool {
        let n = self.0.get() - 1;
        self.0.set(n);
        n == 0
    }
}

/// The layout of a block of an `H` and `len` `T`s.
#[inline]
pub(crate) fn layout<H, T>(len: usize) -> Layout {
    const { assert!(std::mem::size_of::<H>().is_multiple_of(std::mem::align_of::<T>())) };
    let (layout, _) = Layout::new::<H>().extend(Layout::array::<T>(len).expect("block size")).expect("block size");
    layout.pad_to_align()
}

/// A new block: `head`, then `item(0)` … `item(len - 1)`.
#[inline]
pub(crate) fn alloc<H, T>(head: H, len: usize, mut item: impl FnMut(usize) -> T) -> NonNull<H> {
    let block = alloc_head::<H, T>(head, len);
    // SAFETY: the block has room for `len` items after its header; each is
    // written before the block is handed out.
    unsafe {
        let items = items::<H, T>(block);
        for i in 0..len {
            items.add(i).write(item(i));
        }
    }
    block
}

/// A new block: `head`, then the items of `from`, moved (one copy);
/// `from` is left empty.
pub(crate) fn alloc_moved<H, T>(head: H, from: &mut Vec<T>) -> NonNull<H> {
    let len = from.len();
    let block = alloc_head::<H, T>(head, len);
    // SAFETY: the block has room for `len` items; they are moved by one
    // copy, and `from`, emptied without dropping them, frees only its buffer.
    unsafe {
        std::ptr::copy_nonoverlapping(from.as_ptr(), items::<H, T>(block), len);
        from.set_len(0);
    }
    block
}

/// A block for `len` items with its header written (the items not yet).
#[inline]
fn alloc_head<H, T>(head: H, len: usize) -> NonNull<H> {
    let layout = layout::<H, T>(len);
    // SAFETY: the layout is not zero-sized (it holds `H`, which has a
    // count); the items go right after the header (`layout` checks that
    // `H`'s size keeps them aligned).
    unsafe {
        let p = std::alloc::alloc(layout);
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        let h = p as *mut H;
        h.write(head);
        NonNull::new_unchecked(h)
    }
}

/// The items of the block whose header is at `head`.
///
/// # Safety
/// `head` must be a block made here ([`alloc`], [`alloc_moved`]) with the
/// same `H` and `T`.
#[inline]
pub(crate) unsafe fn items<H, T>(head: NonNull<H>) -> *mut T {
    // SAFETY: the items follow the header directly (see `alloc`).
    unsafe { (head.as_ptr() as *mut u8).add(std::mem::size_of::<H>()) as *mut T }
}

/// Frees a block of `len` items whose header and items were dropped.
///
/// # Safety
/// `head` must be a block made here with the same `H`, `T` and `len`, not
/// used afterwards.
pub(crate) unsafe fn free<H, T>(head: NonNull<H>, len: usize) {
    // SAFETY: the layout is the one the block was made with.
    unsafe { std::alloc::dealloc(head.as_ptr() as *mut u8, layout::<H, T>(len)) }
}
