//! Text tests (`equals`, `contains`, `matches`, `omits`) on the values a
//! check found, with what was found when none passes.

use crate::check::TextTest;

/// Whether one of `values` passes `test` (for `Omits`: none contains the
/// text). `Err` holds what the learner should read: the values found, or
/// why a regular expression could not be used.
pub fn any_passes(test: &TextTest, values: &[&str]) -> Result<bool, String> {
    Ok(match test {
        TextTest::Equals(want) => values.iter().any(|v| v == want),
        TextTest::Contains(want) => values.iter().any(|v| v.contains(want.as_str())),
        TextTest::Omits(unwanted) => !values.iter().any(|v| v.contains(unwanted.as_str())),
        TextTest::Matches(pattern) => {
            let re = regex_lite::Regex::new(pattern)
                .map_err(|e| format!("(lesson) the pattern /{pattern}/ is not a valid regular expression: {e}"))?;
            values.iter().any(|v| re.is_match(v))
        }
    })
}

/// The values found, quoted, for a failure's detail: `"a"` or `"a", "b"`.
pub fn quoted(values: &[&str]) -> String {
    let shown: Vec<String> = values.iter().map(|v| format!("`{}`", shorten(v))).collect();
    shown.join(", ")
}

/// A long value cut to its first 300 characters.
fn shorten(text: &str) -> String {
    const MAX: usize = 300;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// `text` with every run of white space made one space, and trimmed: Nix
/// values printed on several lines compare equal to the same value on one.
///
/// ```
/// assert_eq!(nixpen_lessons::judge::squash("[\n  1\n  2\n]"), "[ 1 2 ]");
/// ```
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_test() {
        let values = ["/nix/store/x/bin/web-server --bind 127.0.0.1:3031"];
        assert_eq!(any_passes(&TextTest::Contains("--bind 127.0.0.1:3031".into()), &values), Ok(true));
        assert_eq!(any_passes(&TextTest::Contains("8080".into()), &values), Ok(false));
        assert_eq!(any_passes(&TextTest::Equals(values[0].into()), &values), Ok(true));
        assert_eq!(any_passes(&TextTest::Equals("web-server".into()), &values), Ok(false));
        assert_eq!(any_passes(&TextTest::Matches(r"--bind [0-9.]+:\d+$".into()), &values), Ok(true));
        assert_eq!(any_passes(&TextTest::Omits("3031".into()), &values), Ok(false));
        assert_eq!(any_passes(&TextTest::Omits("8080".into()), &values), Ok(true));
        assert!(any_passes(&TextTest::Matches("(".into()), &values).unwrap_err().contains("not a valid"));
    }

    #[test]
    fn several_values_pass_when_one_does() {
        let values = ["a", "b"];
        assert_eq!(any_passes(&TextTest::Equals("b".into()), &values), Ok(true));
        assert_eq!(any_passes(&TextTest::Omits("b".into()), &values), Ok(false));
        assert_eq!(quoted(&values), "`a`, `b`");
        assert!(quoted(&[&"x".repeat(400)]).ends_with("…`"));
    }
}
