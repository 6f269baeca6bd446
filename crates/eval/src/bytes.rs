//! Nix strings are byte strings; ours are Rust `str`s. A byte that is not
//! part of valid UTF-8 (in a source file, a file read with `readFile`, a
//! `substring` that cuts a character) is kept as one private-use character,
//! U+10FF80 to U+10FFFF for bytes 0x80 to 0xFF, and written back as the
//! original byte on output. So such bytes survive evaluation, print as Nix
//! prints them, and `toJSON` can reject them as Nix does.
//!
//! Every byte string has one form, the one [`decode`] gives it, so that
//! equal bytes are equal `str`s: the longest valid UTF-8, except that a
//! real character of U+10FF80..U+10FFFF (whose four bytes would read as
//! four raw bytes' stand-ins) is kept as its four raw bytes. A
//! concatenation can join raw bytes into valid UTF-8 (the two halves of
//! an `é` cut by `substring`): [`joined`] puts the result back in form.

use std::sync::atomic::{AtomicBool, Ordering};

/// The first private-use character standing for a raw byte (0x80).
const RAW_BASE: u32 = 0x10FF00;

/// Whether [`decode`] ever kept a raw byte in this process. Until it has,
/// no string can hold one, and the checks below cost nothing (they run in
/// `substring` and `stringLength`, which loops call on long strings).
static RAW_SEEN: AtomicBool = AtomicBool::new(false);

/// The first character standing for a raw byte, and the first that a
/// real character of a source cannot be (see the module's doc).
const RESERVED: u32 = RAW_BASE + 0x80;

/// The raw byte a character stands for, if it is one of ours.
pub fn raw_byte(c: char) -> Option<u8> {
    let n = c as u32;
    (n >= RESERVED).then(|| (n - RAW_BASE) as u8)
}

/// Appends valid UTF-8 `s` to `out`, each real character of the reserved
/// range as its four raw bytes (the byte 0xF4 starts every such one, so
/// most text is copied as it is).
fn push_valid(out: &mut String, s: &str) {
    if !s.as_bytes().contains(&0xF4) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        if c as u32 >= RESERVED {
            RAW_SEEN.store(true, Ordering::Relaxed);
            for &b in c.encode_utf8(&mut [0u8; 4]).as_bytes() {
                out.push(char::from_u32(RAW_BASE + u32::from(b)).unwrap_or('\u{fffd}'));
            }
        } else {
            out.push(c);
        }
    }
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
                push_valid(&mut out, s);
                return out;
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                // Valid by construction.
                push_valid(&mut out, std::str::from_utf8(good).unwrap_or_default());
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

/// Text from outside (the environment, command-line arguments, strings
/// parsed out of TOML), whose characters are all real, in the one form of
/// its bytes (see the module's doc).
pub fn from_text(s: String) -> String {
    if s.as_bytes().contains(&0xF4) {
        decode(s.as_bytes())
    } else {
        s
    }
}

/// The result of a concatenation put back in form: raw bytes that joined
/// into valid UTF-8 become characters. Free until a raw byte was seen.
#[inline]
pub fn joined(s: String) -> String {
    if RAW_SEEN.load(Ordering::Relaxed) && s.as_bytes().contains(&0xF4) {
        decode(&encode(&s))
    } else {
        s
    }
}

/// Whether the bytes `s` stands for are valid UTF-8 (its raw bytes are all
/// the four of a real character of the reserved range); if not, the index
/// and value of the first byte that is not.
pub fn check_utf8(s: &str) -> Result<(), (usize, u8)> {
    if !has_raw(s) {
        return Ok(());
    }
    let bytes = encode(s);
    match std::str::from_utf8(&bytes) {
        Ok(_) => Ok(()),
        Err(e) => Err((e.valid_up_to(), bytes[e.valid_up_to()])),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_string_round_trips() {
        let cases: [&[u8]; 6] = [
            b"plain",
            b"a\xffb",
            "\u{10ffff}x".as_bytes(),
            "\u{10ff80}".as_bytes(),
            b"\xf4\x8f\xbf",
            "é\u{10fffe}".as_bytes(),
        ];
        for bytes in cases {
            assert_eq!(encode(&decode(bytes)), bytes, "{bytes:?}");
        }
        // A real U+10FFFF is four raw bytes, so it counts four and is no stand-in.
        assert_eq!(byte_len(&decode("\u{10ffff}".as_bytes())), 4);
        assert_eq!(check_utf8(&decode("\u{10ffff}".as_bytes())), Ok(()));
        assert_eq!(check_utf8(&decode(b"a\xc3")), Err((1, 0xC3)));
    }

    #[test]
    fn joined_halves_make_the_character_again() {
        let (a, b) = (decode(b"\xc3"), decode(b"\xa9"));
        assert_eq!(joined(a + &b), "é");
        assert_eq!(from_text("\u{10ffff}".to_string()), decode("\u{10ffff}".as_bytes()));
    }
}
