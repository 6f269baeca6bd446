//! Nix strings are byte strings; ours are Rust `str`s. A byte that is not
//! part of valid UTF-8 (in a source file, a file read with `readFile`, a
//! `substring` that cuts a character) is kept as one private-use character,
//! U+10FF80 to U+10FFFF for bytes 0x80 to 0xFF, and written back as the
//! original byte on output. So such bytes survive evaluation, print as Nix
//! prints them, and `toJSON` can reject them as Nix does.

use std::sync::atomic::{AtomicBool, Ordering};

/// The first private-use character standing for a raw byte (0x80).
const RAW_BASE: u32 = 0x10FF00;

/// Whether [`decode`] ever kept a raw byte in this process. Until it has,
/// no string can hold one, and the checks below cost nothing (they run in
/// `substring` and `stringLength`, which loops call on long strings).
static RAW_SEEN: AtomicBool = AtomicBool::new(false);

/// The raw byte a character stands for, if it is one of ours.
pub fn raw_byte(c: char) -> Option<u8> {
    let n = c as u32;
    (n >= RAW_BASE + 0x80).then(|| (n - RAW_BASE) as u8)
}

/// Decodes bytes, keeping every invalid byte as its private-use character.
///
/// ```
/// let s = nixpen_eval::bytes::decode(b"a\xffb");
/// assert_eq!(s.chars().count(), 3);
/// assert_eq!(nixpen_eval::bytes::encode(&s), b"a\xffb");
/// ```
pub fn decode(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                // Valid by construction.
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len());
                RAW_SEEN.store(true, Ordering::Relaxed);
                for &b in &rest[..bad] {
                    out.push(char::from_u32(RAW_BASE + u32::from(b)).unwrap_or('\u{fffd}'));
                }
                bytes = &rest[bad..];
            }
        }
    }
}

/// The bytes a string stands for: UTF-8, with our private-use characters
/// turned back into their raw bytes.
pub fn encode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        match raw_byte(c) {
            Some(b) => out.push(b),
            None => out.extend_from_slice(c.encode_utf8(&mut [0u8; 4]).as_bytes()),
        }
    }
    out
}

/// The first raw (non-UTF-8) byte of `s` and its index in the bytes `s`
/// stands for.
pub fn first_raw_byte(s: &str) -> Option<(usize, u8)> {
    if !may_hold_raw(s.as_bytes()) {
        return None;
    }
    let mut index = 0;
    for c in s.chars() {
        if let Some(b) = raw_byte(c) {
            return Some((index, b));
        }
        index += c.len_utf8();
    }
    None
}

/// Whether `s` holds any raw byte (cheap: see [`may_hold_raw`]).
pub fn has_raw(s: &str) -> bool {
    may_hold_raw(s.as_bytes()) && s.chars().any(|c| raw_byte(c).is_some())
}

/// Whether these bytes of a string can hold a raw byte at all (false once
/// cheaply ruled out).
pub fn may_hold_raw(bytes: &[u8]) -> bool {
    RAW_SEEN.load(Ordering::Relaxed) && bytes.contains(&0xF4)
}

/// The length in bytes of what `s` stands for (each raw byte counts one).
pub fn byte_len(s: &str) -> usize {
    if has_raw(s) {
        s.chars().map(|c| if raw_byte(c).is_some() { 1 } else { c.len_utf8() }).sum()
    } else {
        s.len()
    }
}

/// The bytes `s` stands for, borrowed when it holds no raw byte.
pub fn as_bytes(s: &str) -> std::borrow::Cow<'_, [u8]> {
    if has_raw(s) {
        std::borrow::Cow::Owned(encode(s))
    } else {
        std::borrow::Cow::Borrowed(s.as_bytes())
    }
}
