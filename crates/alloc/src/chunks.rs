//! Bump allocation in 64 KiB chunks for the blocks an evaluation allocates.
//!
//! While a thread is inside [`Evaluating`], its small blocks are carved one
//! after another from chunks of its own (one for blocks of up to [`SMALL`]
//! bytes, one for bigger ones): an allocation is a pointer bump,
//! memory is touched in address order, and blocks made close in time sit
//! close in memory. A chunk counts its live blocks; it is reused once the
//! last of them is freed, whichever thread frees it, so a block that
//! outlives the evaluation (a cache entry, a result) keeps its chunk alive
//! and stays valid: nothing is reclaimed while it may still be read.
//!
//! Counting is split so that the common case needs no atomic operation: the
//! thread bumping a chunk counts its allocations and its own frees in a
//! thread-local counter, and publishes the count to the chunk's atomic
//! counter when it moves on to another chunk. Frees of blocks of any other
//! chunk, or from another thread, decrement the atomic counter. The chunk
//! is free when the two sum to zero after publication.

use std::alloc::Layout;
use std::cell::{Cell, UnsafeCell};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

use crate::platform;

/// The size and alignment of a chunk.
pub const CHUNK: usize = 64 << 10;

/// Blocks larger than this go to the fallback allocator.
pub const MAX_BLOCK: usize = 2048;

/// The most alignment a chunk block gets; more goes to the fallback.
const MAX_ALIGN: usize = 16;

/// The start of each chunk.
#[repr(C, align(16))]
struct Header {
    /// Frees not counted by the bumping thread, minus the allocations it
    /// published when it left the chunk.
    live: AtomicIsize,
    /// The next chunk in the free list, while this one is in it.
    next: UnsafeCell<usize>,
}

const HEADER: usize = std::mem::size_of::<Header>();

/// Blocks up to this size are bumped from one chunk, bigger ones from
/// another: short strings such as attribute names then sit together, as
/// in a size-class allocator, and looking names up in a big set touches
/// fewer cache lines (one stream made a program looking up 50,000 names
/// 1.7 times slower than mimalloc).
const SMALL: usize = 32;

/// One stream of bumped blocks: its current chunk.
struct Stream {
    /// The next free byte of the current chunk (0: no current chunk).
    bump: Cell<usize>,
    /// The end of the current chunk (0: no current chunk).
    end: Cell<usize>,
    /// Blocks allocated in the current chunk minus those this thread freed.
    count: Cell<isize>,
}

impl Stream {
    /// A stream with no current chunk.
    const fn empty() -> Stream {
        Stream { bump: Cell::new(0), end: Cell::new(0), count: Cell::new(0) }
    }
}

/// The calling thread's bump state.
struct Local {
    /// How many [`Evaluating`] scopes are open on this thread.
    depth: Cell<u32>,
    /// The streams of blocks up to [`SMALL`] bytes and of bigger ones.
    streams: [Stream; 2],
}

thread_local! {
    static LOCAL: Local = const {
        Local { depth: Cell::new(0), streams: [Stream::empty(), Stream::empty()] }
    };
}

/// Chunks whose blocks are all free, linked through `Header::next`.
struct FreeList {
    lock: AtomicBool,
    head: UnsafeCell<usize>,
}

// SAFETY: `head` and the `next` fields of listed chunks are only accessed
// while `lock` is held.
unsafe impl Sync for FreeList {}

static FREE: FreeList = FreeList { lock: AtomicBool::new(false), head: UnsafeCell::new(0) };

impl FreeList {
    fn with<T>(&self, f: impl FnOnce(&mut usize) -> T) -> T {
        while self.lock.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            std::hint::spin_loop();
        }
        // SAFETY: the lock is held.
        let r = f(unsafe { &mut *self.head.get() });
        self.lock.store(false, Ordering::Release);
        r
    }

    fn push(&self, chunk: usize) {
        self.with(|head| {
            // SAFETY: `chunk` is a chunk no block of which is live.
            unsafe { *header(chunk).next.get() = *head };
            *head = chunk;
        })
    }

    fn pop(&self) -> Option<usize> {
        self.with(|head| {
            let chunk = *head;
            if chunk == 0 {
                return None;
            }
            // SAFETY: listed chunks are valid and ours while the lock is held.
            *head = unsafe { *header(chunk).next.get() };
            Some(chunk)
        })
    }
}

fn header<'a>(chunk: usize) -> &'a Header {
    // SAFETY: callers pass the start of a chunk, which holds a `Header`
    // from the moment it is handed out and is never unmapped.
    unsafe { &*(chunk as *const Header) }
}

/// A block from the calling thread's chunk, or null when the thread is not
/// evaluating, the layout is not a small one, or no chunk can be had (the
/// caller then uses the fallback allocator).
#[inline]
pub fn alloc(layout: Layout) -> *mut u8 {
    if layout.size() > MAX_BLOCK || layout.align() > MAX_ALIGN {
        return std::ptr::null_mut();
    }
    LOCAL.with(|l| {
        if l.depth.get() == 0 {
            return std::ptr::null_mut();
        }
        let st = &l.streams[(layout.size() > SMALL) as usize];
        let p = (st.bump.get() + layout.align() - 1) & !(layout.align() - 1);
        let end = p + layout.size();
        if end <= st.end.get() {
            st.bump.set(end);
            st.count.set(st.count.get() + 1);
            return p as *mut u8;
        }
        alloc_in_new_chunk(st, layout)
    })
}

#[cold]
#[inline(never)]
fn alloc_in_new_chunk(st: &Stream, layout: Layout) -> *mut u8 {
    if platform::refused() {
        // No chunks on this system: every block goes to the fallback,
        // without taking the free list's lock each time.
        return std::ptr::null_mut();
    }
    leave_chunk(st);
    let Some(chunk) = FREE.pop().or_else(platform::new_chunk) else {
        return std::ptr::null_mut();
    };
    header(chunk).live.store(0, Ordering::Relaxed);
    let p = (chunk + HEADER + layout.align() - 1) & !(layout.align() - 1);
    st.bump.set(p + layout.size());
    st.end.set(chunk + CHUNK);
    st.count.set(1);
    p as *mut u8
}

/// Publishes the stream's count to its current chunk and lets it go.
fn leave_chunk(st: &Stream) {
    let end = st.end.replace(0);
    if end == 0 {
        return;
    }
    st.bump.set(0);
    let chunk = end - CHUNK;
    let count = st.count.replace(0);
    if header(chunk).live.fetch_add(count, Ordering::AcqRel) + count == 0 {
        FREE.push(chunk);
    }
}

/// Whether `ptr` was handed out by [`alloc`].
#[inline]
pub fn owns(ptr: *mut u8) -> bool {
    platform::is_chunk(ptr as usize)
}

/// Frees a block [`alloc`] handed out.
#[inline]
pub fn dealloc(ptr: *mut u8) {
    let chunk = ptr as usize & !(CHUNK - 1);
    let local = LOCAL.try_with(|l| {
        let Some(st) = l.streams.iter().find(|st| st.end.get() == chunk + CHUNK) else {
            return false;
        };
        let count = st.count.get() - 1;
        st.count.set(count);
        if count + header(chunk).live.load(Ordering::Acquire) == 0 {
            // Every block of the current chunk is free: start it afresh.
            header(chunk).live.store(0, Ordering::Relaxed);
            st.count.set(0);
            st.bump.set(chunk + HEADER);
        }
        true
    });
    if local != Ok(true) && header(chunk).live.fetch_sub(1, Ordering::AcqRel) == 1 {
        FREE.push(chunk);
    }
}

/// Resizes a chunk block: in place when it is the last block of one of the
/// thread's streams and the chunk has room, else by moving it (to a chunk or the fallback,
/// as [`alloc`] decides, through `alloc_any`).
///
/// # Safety
/// `ptr` is a live chunk block of `layout`; `alloc_any` returns a block of
/// the layout it is given, or null.
pub unsafe fn realloc(
    ptr: *mut u8,
    layout: Layout,
    new_size: usize,
    alloc_any: impl FnOnce(Layout) -> *mut u8,
) -> *mut u8 {
    let start = ptr as usize;
    let grown = LOCAL.try_with(|l| {
        let Some(st) = l.streams.iter().find(|st| start + layout.size() == st.bump.get()) else {
            return false;
        };
        if l.depth.get() > 0 && new_size <= MAX_BLOCK && start + new_size <= st.end.get() {
            st.bump.set(start + new_size);
            true
        } else {
            false
        }
    });
    if grown == Ok(true) {
        return ptr;
    }
    let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
    let q = alloc_any(new_layout);
    if !q.is_null() {
        std::ptr::copy_nonoverlapping(ptr, q, layout.size().min(new_size));
        dealloc(ptr);
    }
    q
}

/// While a value of this type lives, the thread's small allocations come
/// from its chunks (when the global allocator is [`crate::NixpenAlloc`]; with
/// another allocator it changes nothing). Scopes nest. When the outermost
/// ends, the thread lets its chunks go, so a thread that ends holds none.
///
/// ```
/// let kept = {
///     let _scope = nixpen_alloc::Evaluating::begin();
///     vec![1u8, 2, 3]
/// };
/// assert_eq!(kept, [1, 2, 3]);
/// ```
pub struct Evaluating(());

impl Evaluating {
    /// Opens a scope on the calling thread.
    pub fn begin() -> Evaluating {
        LOCAL.with(|l| l.depth.set(l.depth.get() + 1));
        Evaluating(())
    }
}

impl Drop for Evaluating {
    fn drop(&mut self) {
        LOCAL.with(|l| {
            let depth = l.depth.get() - 1;
            l.depth.set(depth);
            if depth == 0 {
                l.streams.iter().for_each(leave_chunk);
            }
        });
    }
}

/// Runs `f` with the thread's small allocations going to the fallback, as
/// outside an evaluation: for what an evaluation makes to keep beyond it
/// (cache entries). A long-lived block in a chunk keeps the whole chunk
/// from being reused; many of them, one per evaluation, would make the
/// memory grow.
///
/// ```
/// let _scope = nixpen_alloc::Evaluating::begin();
/// let kept = nixpen_alloc::outside_evaluation(|| String::from("kept in a cache"));
/// assert_eq!(kept, "kept in a cache");
/// ```
pub fn outside_evaluation<T>(f: impl FnOnce() -> T) -> T {
    /// Puts the depth back, also when `f` unwinds.
    struct Restore(u32);
    impl Drop for Restore {
        fn drop(&mut self) {
            LOCAL.with(|l| l.depth.set(self.0));
        }
    }
    let _restore = Restore(LOCAL.with(|l| l.depth.replace(0)));
    f()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The tests share the free list; each takes this so that one test's
    /// chunks are not taken by another while it looks at them.
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

    pub(crate) fn serial() -> std::sync::MutexGuard<'static, ()> {
        SERIAL.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    #[cfg_attr(not(any(target_os = "linux", target_arch = "wasm32")), ignore = "no chunks on this system")]
    fn nothing_comes_from_chunks_outside_a_scope() {
        let _serial = serial();
        assert!(alloc(layout(16, 8)).is_null());
        let _scope = Evaluating::begin();
        assert!(!alloc(layout(16, 8)).is_null());
        assert!(alloc(layout(MAX_BLOCK + 1, 8)).is_null(), "big blocks go to the fallback");
        assert!(alloc(layout(64, 32)).is_null(), "so do over-aligned ones");
    }

    #[test]
    #[cfg_attr(not(any(target_os = "linux", target_arch = "wasm32")), ignore = "no chunks on this system")]
    fn blocks_are_aligned_distinct_and_owned() {
        let _serial = serial();
        let _scope = Evaluating::begin();
        let mut blocks = Vec::new();
        for i in 0..5000 {
            let (size, align) = ([1, 7, 8, 24, 100, 2048][i % 6], [1, 2, 4, 8, 16][i % 5]);
            let p = alloc(layout(size, align));
            assert_eq!(p as usize % align, 0);
            assert!(owns(p));
            unsafe { p.write_bytes(i as u8, size) };
            blocks.push((p, size, i as u8));
        }
        for &(p, size, byte) in &blocks {
            assert!(unsafe { std::slice::from_raw_parts(p, size) }.iter().all(|b| *b == byte), "blocks overlap");
        }
        blocks.iter().for_each(|&(p, _, _)| dealloc(p));
    }

    #[test]
    #[cfg_attr(not(any(target_os = "linux", target_arch = "wasm32")), ignore = "no chunks on this system")]
    fn a_chunk_is_reused_once_its_blocks_are_freed() {
        let _serial = serial();
        let _scope = Evaluating::begin();
        let first = alloc(layout(32, 8));
        dealloc(first);
        // The current chunk emptied: the next block takes the same place.
        assert_eq!(alloc(layout(32, 8)), first);
        dealloc(first);
    }

    #[test]
    #[cfg_attr(not(any(target_os = "linux", target_arch = "wasm32")), ignore = "no chunks on this system")]
    fn blocks_that_outlive_the_scope_stay_valid() {
        let _serial = serial();
        let kept: Vec<*mut u8> = {
            let _scope = Evaluating::begin();
            (0..100)
                .map(|i| {
                    let p = alloc(layout(64, 8));
                    unsafe { p.write_bytes(i, 64) };
                    p
                })
                .collect()
        };
        // Later evaluations allocate and free a lot; the kept blocks' chunk
        // is not handed out again while they live.
        for _ in 0..10 {
            let _scope = Evaluating::begin();
            let many: Vec<*mut u8> = (0..20_000)
                .map(|_| {
                    let p = alloc(layout(48, 8));
                    unsafe { p.write_bytes(0xEE, 48) };
                    p
                })
                .collect();
            many.into_iter().for_each(dealloc);
        }
        for (i, &p) in kept.iter().enumerate() {
            assert!(unsafe { std::slice::from_raw_parts(p, 64) }.iter().all(|b| *b == i as u8));
            dealloc(p);
        }
    }

    #[test]
    #[cfg_attr(not(any(target_os = "linux", target_arch = "wasm32")), ignore = "no chunks on this system")]
    fn blocks_freed_by_another_thread_free_their_chunk() {
        let _serial = serial();
        let blocks: Vec<usize> = {
            let _scope = Evaluating::begin();
            (0..3000).map(|_| alloc(layout(40, 8)) as usize).collect()
        };
        let chunks: std::collections::BTreeSet<usize> = blocks.iter().map(|b| b & !(CHUNK - 1)).collect();
        std::thread::spawn(move || blocks.into_iter().for_each(|b| dealloc(b as *mut u8))).join().unwrap();
        // Every chunk those blocks used is free again: a new scope is given
        // one of them (chunks are carved from one range, and freed ones are
        // handed out first).
        let _scope = Evaluating::begin();
        let p = alloc(layout(40, 8)) as usize;
        let reused = chunks.contains(&(p & !(CHUNK - 1)));
        dealloc(p as *mut u8);
        assert!(reused, "a freed chunk is handed out again");
    }

    #[test]
    #[cfg_attr(not(any(target_os = "linux", target_arch = "wasm32")), ignore = "no chunks on this system")]
    fn realloc_grows_the_last_block_in_place() {
        let _serial = serial();
        let _scope = Evaluating::begin();
        let p = alloc(layout(16, 8));
        unsafe {
            p.write_bytes(7, 16);
            let q = realloc(p, layout(16, 8), 64, alloc);
            assert_eq!(q, p);
            let r = realloc(q, layout(64, 8), MAX_BLOCK * 2, |l| std::alloc::alloc(l));
            assert!(!owns(r), "too big for a chunk");
            assert!(std::slice::from_raw_parts(r, 16).iter().all(|b| *b == 7));
            std::alloc::dealloc(r, layout(MAX_BLOCK * 2, 8));
        }
    }

    #[test]
    #[cfg_attr(not(any(target_os = "linux", target_arch = "wasm32")), ignore = "no chunks on this system")]
    fn outside_evaluation_uses_the_fallback() {
        let _serial = serial();
        let _scope = Evaluating::begin();
        assert!(outside_evaluation(|| alloc(layout(16, 8))).is_null());
        let p = alloc(layout(16, 8));
        assert!(!p.is_null(), "the scope is back after it");
        dealloc(p);
    }
}
