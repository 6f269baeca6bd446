//! Share links: the whole workspace, as JSON, deflated and base64url-encoded
//! into the URL's fragment (`#s=…`), which never reaches a server. The
//! browser's own `CompressionStream` deflates (no deflate code in the wasm),
//! so encoding and decoding are asynchronous.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::ReadableStreamDefaultReader;

use crate::workspace::Workspace;

/// The fragment prefix of a share link.
pub const PREFIX: &str = "s=";

/// Largest decompressed payload accepted from a link (guards against
/// decompression bombs).
const MAX_JSON_BYTES: usize = 4 << 20;

/// Encodes `workspace` as a fragment (without the `#`).
pub async fn encode(workspace: &Workspace) -> Option<String> {
    let value = serde::Serialize::serialize(workspace, &serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    let json = js_sys::JSON::stringify(&value).ok()?.as_string()?;
    let packed = pipe(json.as_bytes(), true).await?;
    Some(format!("{PREFIX}{}", base64url_encode(&packed)))
}

/// Decodes a fragment (with or without the `#`) made by [`encode`]; `None`
/// if it is not a share link or is damaged.
pub async fn decode(fragment: &str) -> Option<Workspace> {
    let payload = fragment.trim_start_matches('#').strip_prefix(PREFIX)?;
    let json = String::from_utf8(pipe(&base64url_decode(payload)?, false).await?).ok()?;
    let value = js_sys::JSON::parse(&json).ok()?;
    let workspace: Workspace = serde_wasm_bindgen::from_value(value).ok()?;
    workspace.sanitized()
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream` (web-sys has it behind a flag).
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
    /// The browser's `DecompressionStream`.
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// `bytes` through the browser's raw-deflate compressor (or decompressor),
/// read at most [`MAX_JSON_BYTES`] at a time.
async fn pipe(bytes: &[u8], compress: bool) -> Option<Vec<u8>> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let transform: web_sys::ReadableWritablePair = if compress {
        CompressionStream::new("deflate-raw").ok()?.unchecked_into()
    } else {
        DecompressionStream::new("deflate-raw").ok()?.unchecked_into()
    };
    let reader: ReadableStreamDefaultReader = blob.stream().pipe_through(&transform).get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.ok()?;
        if js_sys::Reflect::get(&chunk, &"done".into()).ok()?.is_truthy() {
            return Some(out);
        }
        let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &"value".into()).ok()?.unchecked_into();
        out.extend(value.to_vec());
        if out.len() > MAX_JSON_BYTES {
            let _ = reader.cancel();
            return None;
        }
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n =
            (chunk[0] as u32) << 16 | (*chunk.get(1).unwrap_or(&0) as u32) << 8 | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Inverse of [`base64url_encode`]; also accepts `+`, `/` and `=` padding.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().take_while(|c| *c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(base64url_decode(&base64url_encode(&bytes)).unwrap(), bytes);
        }
        assert_eq!(base64url_encode(b"\xfb\xff"), "-_8");
        assert_eq!(base64url_decode("-_8").unwrap(), b"\xfb\xff");
        assert!(base64url_decode("a b").is_none());
    }
}
