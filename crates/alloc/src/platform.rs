//! Where chunks come from, and telling a chunk block from any other block:
//! one range of address space is reserved at the first request
//! (`MAP_NORESERVE`: pages cost memory only once touched) and chunks are
//! carved from it in order; a block is a chunk block when its address is in
//! the range.

use crate::chunks::CHUNK;

mod imp {
    use super::CHUNK;
    use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

    /// The address space reserved for chunks.
    const RESERVE: usize = 16 << 30;

    static BASE: AtomicUsize = AtomicUsize::new(0);
    static LIMIT: AtomicUsize = AtomicUsize::new(0);
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    /// 0: not reserved yet; 1: being reserved; 2: reserved; 3: refused.
    static STATE: AtomicU8 = AtomicU8::new(0);

    fn reserve() -> bool {
        loop {
            match STATE.compare_exchange(0, 1, Ordering::Acquire, Ordering::Acquire) {
                Ok(_) => break,
                Err(2) => return true,
                Err(3) => return false,
                Err(_) => std::hint::spin_loop(),
            }
        }
        // SAFETY: an anonymous private mapping; no existing memory is touched.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                RESERVE + CHUNK,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            STATE.store(3, Ordering::Release);
            return false;
        }
        let base = (p as usize + CHUNK - 1) & !(CHUNK - 1);
        NEXT.store(base, Ordering::Relaxed);
        BASE.store(base, Ordering::Relaxed);
        LIMIT.store(base + RESERVE, Ordering::Relaxed);
        STATE.store(2, Ordering::Release);
        true
    }

    /// A chunk never handed out before, or `None` when the range is used up.
    pub fn new_chunk() -> Option<usize> {
        if !reserve() {
            return None;
        }
        let chunk = NEXT.fetch_add(CHUNK, Ordering::Relaxed);
        (chunk + CHUNK <= LIMIT.load(Ordering::Relaxed)).then_some(chunk)
    }

    /// Whether `addr` is in a chunk.
    #[inline]
    pub fn is_chunk(addr: usize) -> bool {
        let base = BASE.load(Ordering::Relaxed);
        base != 0 && addr.wrapping_sub(base) < RESERVE
    }
}

pub use imp::{is_chunk, new_chunk};
