//! The request tracer as a WebAssembly module of its own, outside the
//! playground's first download: built with
//! `cargo build -p nixpen-nginx-wasm --target wasm32-unknown-unknown --profile wasm-release`
//! (`target/wasm32-unknown-unknown/wasm-release/nixpen_nginx_wasm.wasm`)
//! and loaded by the page when the tracer is first opened. No JavaScript
//! glue: the page copies two UTF-8 strings in and reads one out.
//!
//! ```js
//! const { instance } = await WebAssembly.instantiateStreaming(fetch("nixpen_nginx_wasm.wasm"));
//! const x = instance.exports, enc = new TextEncoder();
//! const put = (s) => { const b = enc.encode(s); const p = x.nixpen_alloc(b.length);
//!   new Uint8Array(x.memory.buffer, p, b.length).set(b); return [p, b.length]; };
//! const [c, cl] = put(nginxConf), [r, rl] = put("GET https://example.org/api/x");
//! const out = x.nixpen_trace(c, cl, r, rl);           // frees both inputs
//! const json = new TextDecoder().decode(new Uint8Array(x.memory.buffer, out, x.nixpen_result_len()));
//! x.nixpen_free(out, x.nixpen_result_len());
//! // JSON.parse(json): {"trace": …} or {"error": "…"} (nixpen_nginx::trace_json)
//! ```

use std::alloc::{alloc, dealloc, Layout};
use std::cell::Cell;

thread_local! {
    /// The length of the last result.
    static RESULT_LEN: Cell<usize> = const { Cell::new(0) };
}

/// `len` bytes for the caller to fill (a dangling pointer for 0).
#[no_mangle]
pub extern "C" fn nixpen_alloc(len: usize) -> *mut u8 {
    match Layout::array::<u8>(len) {
        // SAFETY: the layout has a non-zero size.
        Ok(layout) if len > 0 => unsafe { alloc(layout) },
        _ => std::ptr::NonNull::dangling().as_ptr(),
    }
}

/// Frees what `nixpen_alloc` or `nixpen_trace` gave.
///
/// # Safety
/// `ptr` and `len` must be those of one block they gave, freed once.
#[no_mangle]
pub unsafe extern "C" fn nixpen_free(ptr: *mut u8, len: usize) {
    if let (Ok(layout), true) = (Layout::array::<u8>(len), len > 0) {
        // SAFETY: the caller gives back a block of this layout.
        unsafe { dealloc(ptr, layout) }
    }
}

/// Takes back a string the caller put in a block of `nixpen_alloc`.
///
/// # Safety
/// As for `nixpen_free`; the bytes are any bytes (read as UTF-8, lossily).
unsafe fn take(ptr: *mut u8, len: usize) -> String {
    // SAFETY: the caller filled `len` bytes at `ptr`.
    let text = String::from_utf8_lossy(unsafe { std::slice::from_raw_parts(ptr, len) }).into_owned();
    // SAFETY: the block is the caller's, given up to this call.
    unsafe { nixpen_free(ptr, len) };
    text
}

/// Traces the request (`[METHOD] URL`) through the nginx.conf, both given
/// in blocks of `nixpen_alloc` (freed here); returns a block holding the
/// JSON of `nixpen_nginx::trace_json`, its length given by
/// `nixpen_result_len`, for the caller to free.
///
/// # Safety
/// Both blocks must come from `nixpen_alloc` with these lengths.
#[no_mangle]
pub unsafe extern "C" fn nixpen_trace(conf: *mut u8, conf_len: usize, request: *mut u8, request_len: usize) -> *mut u8 {
    // SAFETY: as documented above.
    let (conf, request) = unsafe { (take(conf, conf_len), take(request, request_len)) };
    let json = nixpen_nginx::trace_json(&conf, &request).into_bytes();
    let out = nixpen_alloc(json.len());
    // SAFETY: `out` holds `json.len()` bytes.
    unsafe { std::ptr::copy_nonoverlapping(json.as_ptr(), out, json.len()) };
    RESULT_LEN.with(|l| l.set(json.len()));
    out
}

/// The length of the block the last `nixpen_trace` returned.
#[no_mangle]
pub extern "C" fn nixpen_result_len() -> usize {
    RESULT_LEN.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(text: &str) -> (*mut u8, usize) {
        let p = nixpen_alloc(text.len());
        // SAFETY: `p` holds `text.len()` bytes.
        unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), p, text.len()) };
        (p, text.len())
    }

    #[test]
    fn a_trace_goes_in_and_out_as_bytes() {
        let (c, cl) = put("http { server { listen 80; location / { return 204; } } }");
        let (r, rl) = put("GET http://a/x");
        // SAFETY: both blocks come from nixpen_alloc.
        let out = unsafe { nixpen_trace(c, cl, r, rl) };
        let len = nixpen_result_len();
        // SAFETY: `out` holds `len` bytes of JSON.
        let json = String::from_utf8(unsafe { std::slice::from_raw_parts(out, len) }.to_vec()).unwrap();
        // SAFETY: the block nixpen_trace returned.
        unsafe { nixpen_free(out, len) };
        assert!(json.contains(r#""outcome":{"kind":"return","code":204,"text":null}"#), "{json}");
    }
}
