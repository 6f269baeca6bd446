//! What Nix's logger does to a message before it writes it to stderr
//! (`filterANSIEscapes`, with stderr no terminal): escape sequences
//! dropped, carriage returns and bells dropped, and tabs expanded to the
//! next multiple of 8 columns, counted from the start of the message (its
//! newlines included, as Nix counts them).

/// `message` as Nix's logger writes it.
pub fn filtered(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut width = 0usize;
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\t' => loop {
                out.push(' ');
                width += 1;
                if width.is_multiple_of(8) {
                    break;
                }
            },
            '\r' | '\u{7}' => {}
            c => {
                out.push(c);
                width += 1;
            }
        }
    }
    out
}

/// Skips the rest of an escape sequence (CSI `ESC [ … final`, OSC
/// `ESC ] … ESC \\` or `… BEL`, or a two-character one).
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            while chars.next_if(|c| ('\u{30}'..='\u{3f}').contains(c)).is_some() {}
            while chars.next_if(|c| ('\u{20}'..='\u{2f}').contains(c)).is_some() {}
            chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
        }
        Some(']') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next_if_eq(&'\\');
                    break;
                }
            }
        }
        _ => {
            chars.next_if(|c| ('\u{40}'..='\u{5f}').contains(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::filtered;

    #[test]
    fn tabs_expand_from_the_start_of_the_message() {
        assert_eq!(filtered("trace:   \t"), "trace:          ");
        assert_eq!(filtered("a\tb"), "a       b");
        assert_eq!(filtered("\u{1b}[31;1merror:\u{1b}[0m x\r"), "error: x");
    }
}
