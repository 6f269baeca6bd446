//! Nix's own base-32: the alphabet `0-9a-z` without `e o u t`, and a bit
//! order that reads the input from its last byte. Store path hashes and
//! `nix-hash --type sha256 --base32` use it.

/// The 32 digits, in order of value.
pub const ALPHABET: &[u8; 32] = b"0123456789abcdfghijklmnpqrsvwxyz";

/// Number of base-32 characters needed for `len` bytes.
///
/// ```
/// assert_eq!(nixpen_store::base32::encoded_len(20), 32);
/// assert_eq!(nixpen_store::base32::encoded_len(32), 52);
/// ```
pub fn encoded_len(len: usize) -> usize {
    if len == 0 {
        0
    } else {
        (len * 8 - 1) / 5 + 1
    }
}

/// Encodes bytes in Nix base-32. The first character holds the most
/// significant bits of the last byte.
///
/// ```
/// assert_eq!(nixpen_store::base32::encode(&[0xff]), "7z");
/// ```
pub fn encode(bytes: &[u8]) -> String {
    let len = encoded_len(bytes.len());
    let mut out = String::with_capacity(len);
    for n in (0..len).rev() {
        let bit = n * 5;
        let (i, j) = (bit / 8, bit % 8);
        let low = (bytes[i] as u16) >> j;
        let high = match bytes.get(i + 1) {
            Some(&next) => (next as u16) << (8 - j),
            None => 0,
        };
        out.push(ALPHABET[((low | high) & 0x1f) as usize] as char);
    }
    out
}

/// Decodes Nix base-32 into `size` bytes. `None` if a character is not in
/// the alphabet, or the text encodes bits beyond `size` bytes.
///
/// ```
/// assert_eq!(nixpen_store::base32::decode("7z", 1), Some(vec![0xff]));
/// assert_eq!(nixpen_store::base32::decode("e0", 1), None);
/// ```
pub fn decode(text: &str, size: usize) -> Option<Vec<u8>> {
    let mut out = vec![0u8; size];
    let chars = text.as_bytes();
    for (n, &c) in chars.iter().rev().enumerate() {
        let value = ALPHABET.iter().position(|&a| a == c)? as u16;
        let bit = n * 5;
        let (i, j) = (bit / 8, bit % 8);
        if i >= size {
            if value != 0 {
                return None;
            }
            continue;
        }
        out[i] |= (value << j) as u8;
        let carry = (value >> (8 - j)) as u8;
        if i + 1 < size {
            out[i + 1] |= carry;
        } else if carry != 0 {
            return None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_all_lengths() {
        for len in 1..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = encode(&bytes);
            assert_eq!(text.len(), encoded_len(len));
            assert_eq!(decode(&text, len).unwrap(), bytes, "len {len}");
        }
    }

    #[test]
    fn rejects_overflow_and_bad_characters() {
        // 2 chars = 10 bits; one byte holds only 8, so the top digit must be < 8.
        assert_eq!(decode("3z", 1), Some(vec![0x7f]));
        assert_eq!(decode("8z", 1), None);
        assert_eq!(decode("0u", 1), None);
    }
}
