//! The regular expressions a check's `matches` may hold: POSIX extended
//! regular expressions, which the judges hand to `builtins.split`, written
//! so that Nixpen and Nix read them alike. What either reads differently
//! (Perl's `\d`, lazy `*?`, `(?m)`, an escaped `}`) is refused here, with
//! what to write instead; what neither reads, the resolver's evaluation
//! refuses.

/// The characters a backslash may make literal outside brackets.
const ESCAPABLE: &str = ".[()*+?{|^$\\";

/// `Err` says what in `pattern` is not portable POSIX.
///
/// ```text
/// portable("^/nix/store/[a-z0-9]{32}-web-server") == Ok(())
/// portable(r"\d+") == Err("`\d` is not POSIX: …")
/// ```
pub fn portable(pattern: &str) -> Result<(), String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        match chars[i] {
            '\\' => match next {
                Some(c) if ESCAPABLE.contains(c) => i += 1,
                Some(c) => {
                    return Err(format!(
                        "`\\{c}` is not POSIX: a backslash only makes one of . [ ( ) * + ? {{ | ^ $ \\ literal \
                         (for a digit write [0-9], a letter [[:alpha:]], a space [[:space:]])"
                    ))
                }
                None => return Err("the pattern ends with a lone backslash".into()),
            },
            '[' => i = bracket_end(&chars, i)?,
            '(' if next == Some('?') => return Err("`(?` is not POSIX: there are no flags or special groups".into()),
            '*' | '+' | '?' | '}' if matches!(next, Some('?' | '+' | '*')) => {
                return Err(format!("`{}{}` is not POSIX: one repetition at a time", chars[i], next.unwrap_or(' ')))
            }
            '|' if i == 0 || matches!(next, None | Some('|' | ')')) || chars[i - 1] == '(' => {
                return Err("an alternative (`|`) is empty".into())
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// The index of the `]` closing the bracket expression opened at `open`
/// (a `]` first in it is literal, as are `[:class:]`'s brackets).
fn bracket_end(chars: &[char], open: usize) -> Result<usize, String> {
    let mut j = open + 1;
    if chars.get(j) == Some(&'^') {
        j += 1;
    }
    if chars.get(j) == Some(&']') {
        j += 1;
    }
    while j < chars.len() {
        match (chars[j], chars.get(j + 1)) {
            ('[', Some(&kind @ (':' | '.' | '='))) => {
                let close = (j + 2..chars.len().saturating_sub(1)).find(|&k| chars[k] == kind && chars[k + 1] == ']');
                j = close.ok_or_else(|| format!("`[{kind}` is not closed by `{kind}]`"))? + 2;
            }
            (']', _) => return Ok(j),
            _ => j += 1,
        }
    }
    Err("a `[` is not closed by `]`".into())
}

#[cfg(test)]
mod tests {
    use super::portable;

    #[test]
    fn posix_patterns_pass() {
        for p in [
            "^/nix/store/[a-z0-9]{32}-web-server-[0-9]+/bin/web-server$",
            "/bin/cat /etc/greeting$",
            r"a\.b\$\(x\)",
            "[]a]|[^]b]|[[:space:]]+",
            r"[\.]",
            "(a|b)*c?",
        ] {
            assert_eq!(portable(p), Ok(()), "{p}");
        }
    }

    #[test]
    fn what_nix_reads_otherwise_is_refused() {
        assert!(portable(r"\d+").unwrap_err().contains("[0-9]"));
        assert!(portable(r"a\}").is_err());
        assert!(portable(r"a\/b").is_err());
        assert!(portable("(?m)^a").is_err());
        assert!(portable("a*?").is_err());
        assert!(portable("a|").is_err());
        assert!(portable("(|a)").is_err());
        assert!(portable("[a").is_err());
        assert!(portable("[[:digit:]").is_err());
        assert!(portable("a\\").is_err());
    }
}
