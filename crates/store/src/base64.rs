//! Standard base-64 with `=` padding, as used by SRI hashes (`sha256-…`).

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Number of base-64 characters (with padding) for `len` bytes.
///
/// ```
/// assert_eq!(nixpen_store::base64::encoded_len(32), 44);
/// ```
pub fn encoded_len(len: usize) -> usize {
    len.div_ceil(3) * 4
}

/// Encodes bytes as padded base-64.
///
/// ```
/// assert_eq!(nixpen_store::base64::encode(b"hi"), "aGk=");
/// ```
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(encoded_len(bytes.len()));
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 0x3f) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base-64 the way Nix 2.8 does: stops at the first `=`, skips
/// newlines, drops leftover bits. `Err(c)` names the first character that
/// is not a base-64 digit.
///
/// ```
/// assert_eq!(nixpen_store::base64::decode("aGk="), Ok(b"hi".to_vec()));
/// assert_eq!(nixpen_store::base64::decode("a!"), Err('!'));
/// ```
pub fn decode(text: &str) -> Result<Vec<u8>, char> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.chars() {
        if c == '=' {
            break;
        }
        if c == '\n' {
            continue;
        }
        let digit = ALPHABET.iter().position(|&a| a as char == c).ok_or(c)? as u32;
        acc = (acc << 6 | digit) & 0xffff;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 91 + 7) as u8).collect();
            let text = encode(&bytes);
            assert_eq!(text.len(), encoded_len(len));
            assert_eq!(decode(&text).unwrap(), bytes);
        }
        assert_eq!(encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode(b"fooba"), "Zm9vYmE=");
        assert_eq!(encode(b"foob"), "Zm9vYg==");
    }
}
