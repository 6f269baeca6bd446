//! Decimal text to `f64`, for float literals and JSON and TOML numbers. In
//! the browser's wasm the JS engine's `parseFloat` (correctly rounded, as the
//! standard library's parser) does the conversion, which keeps the standard
//! library's parser and its tables of powers (15 KB of the gzipped wasm) out
//! of the download; elsewhere `str::parse` does it.

/// `text` as the nearest `f64` if it is a decimal number as `f64::from_str`
/// reads one (an optional sign, digits with at most one point and at least one
/// digit, an optional exponent); `None` for anything else, `inf` and `nan`
/// included.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    if !is_decimal(text.as_bytes()) {
        return None;
    }
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    return Some(js_sys::parse_float(text));
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    return text.parse().ok();
}

/// Whether `s` is `[+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?`.
fn is_decimal(s: &[u8]) -> bool {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = usize::from(matches!(s.first(), Some(b'+' | b'-')));
    let whole = digits(&s[i..]);
    i += whole;
    let mut fraction = 0;
    if s.get(i) == Some(&b'.') {
        i += 1;
        fraction = digits(&s[i..]);
        i += fraction;
    }
    if whole + fraction == 0 {
        return false;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        i += usize::from(matches!(s.get(i), Some(b'+' | b'-')));
        let exponent = digits(&s[i..]);
        if exponent == 0 {
            return false;
        }
        i += exponent;
    }
    i == s.len()
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    #[test]
    fn reads_what_the_standard_parser_reads() {
        for text in ["1.5", "-0", "+2", ".5", "5.", "1e3", "1E-3", "2.5e+10", "007.25", "1e400", "4.9e-324", "0.1"] {
            assert_eq!(parse_f64(text), text.parse::<f64>().ok(), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_decimal_number() {
        for text in ["", ".", "+", "-.", "1e", "1e+", "e5", "1.2.3", "1-2", "+-1", "inf", "nan", " 1", "1 ", "0x10"] {
            assert_eq!(parse_f64(text), None, "{text}");
        }
    }
}
