//! Base-16 (lower-case hexadecimal), the encoding of `builtins.hashString`.

/// Encodes bytes as lower-case hexadecimal.
///
/// ```
/// assert_eq!(nixpen_store::base16::encode(&[0x01, 0xab]), "01ab");
/// ```
pub fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 0xf) as usize] as char);
    }
    out
}

/// Decodes hexadecimal (either case). `None` if the length is odd or a
/// character is not a hex digit.
///
/// ```
/// assert_eq!(nixpen_store::base16::decode("01AB"), Some(vec![0x01, 0xab]));
/// assert_eq!(nixpen_store::base16::decode("0g"), None);
/// ```
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits.chunks(2).map(|pair| Some(digit(pair[0])? << 4 | digit(pair[1])?)).collect()
}

fn digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
        assert_eq!(decode("abc"), None);
    }
}
