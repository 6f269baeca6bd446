//! Store paths shortened for reading: `/nix/store/…-coreutils-9.8/bin`
//! instead of the 32-character hash (the outputs offer the full text).

use std::borrow::Cow;

/// The store's prefix.
const STORE: &str = "/nix/store/";

/// `text` with the hash of every store path replaced by `…`.
pub fn shorten(text: &str) -> Cow<'_, str> {
    if !text.contains(STORE) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(STORE) {
        let after = &rest[at + STORE.len()..];
        let hashed = after.len() > 32 && after.as_bytes()[32] == b'-' && after[..32].bytes().all(is_base32);
        out.push_str(&rest[..at + STORE.len()]);
        if hashed {
            out.push('…');
            rest = &after[32..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether `b` is a digit of Nix's base-32 (no e, o, t, u).
fn is_base32(b: u8) -> bool {
    b.is_ascii_digit() || b.is_ascii_lowercase() && !matches!(b, b'e' | b'o' | b't' | b'u')
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn hashes_go_the_rest_stays() {
        let path = "PATH=/nix/store/0c3dgh4nbd0hk2ww1l0kr2kyc6hr9zsq-coreutils-9.8/bin:/nix/store/x";
        assert_eq!(shorten(path), "PATH=/nix/store/…-coreutils-9.8/bin:/nix/store/x");
        assert_eq!(shorten("no paths"), "no paths");
        assert_eq!(
            shorten("/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-x"),
            "/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-x"
        );
    }
}
