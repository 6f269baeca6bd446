//! The embed view's options and the code that embeds a playground.
//!
//! `web/embed.js` opens the playground in an iframe at
//! `?embed=1[&readonly=1][&theme=light|dark|auto]#s=…`: the query says how
//! the view looks, the fragment (a share link's) holds the files and the
//! output to show. Its compact layout, the read-only view (no editor) and
//! its height reports are `web/embed-view.js`'s. The share panel offers the two ways to embed:
//! the script tag with `<pre data-nixpen>` blocks, and an iframe.

use crate::protocol::File;
use crate::theme::Theme;

/// The colours the embed view's query asks for (`theme=light|dark|auto`,
/// the reader's system setting unless `light` or `dark`); `None` when the
/// query does not ask for the embed view. (`readonly` is embed-view.js's:
/// it hides the editor.)
pub fn theme(query: &str) -> Option<Theme> {
    let mut embed = false;
    let mut theme = Theme::System;
    for pair in query.trim_start_matches('?').split('&') {
        match pair.split_once('=').unwrap_or((pair, "")) {
            ("embed", _) => embed = true,
            ("theme", "light") => theme = Theme::Light,
            ("theme", "dark") => theme = Theme::Dark,
            _ => {}
        }
    }
    embed.then_some(theme)
}

/// The code for a page that includes `embed.js` from beside the
/// playground at `page` (its address): one `<pre data-nixpen>` per file (a
/// group when there are several), named, then the script tag.
pub fn script_code(page: &str, files: &[File]) -> String {
    let base = &page[..page.rfind('/').map_or(0, |slash| slash + 1)];
    let mut code = String::new();
    for file in files {
        code.push_str(if files.len() > 1 { "<pre data-nixpen-group=\"nixpen\"" } else { "<pre data-nixpen" });
        code.push_str(" data-nixpen-file=\"");
        code.push_str(&escape(&file.name));
        // The newline after <pre> is dropped by HTML, the one before
        // </pre> by embed.js: the text comes back as it is.
        code.push_str("\">\n");
        code.push_str(&escape(&file.text));
        code.push_str("\n</pre>\n");
    }
    code + "<script src=\"" + base + "embed.js\" defer></script>"
}

/// The `<iframe>` code that shows the files of `fragment` (a share link's)
/// in the embed view of the playground at `page` (its address).
pub fn iframe_code(page: &str, fragment: &str) -> String {
    "<iframe src=\"".to_owned()
        + page
        + "?embed#"
        + fragment
        + "\" title=\"Nixpen playground\" width=\"100%\" height=\"480\" loading=\"lazy\"></iframe>"
}

/// `text` as HTML text or a quoted attribute value.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_of_embed_js_is_read() {
        assert_eq!(theme(""), None);
        assert_eq!(theme("?theme=dark"), None);
        assert_eq!(theme("?embed"), Some(Theme::System));
        assert_eq!(theme("?embed=1&readonly=1&theme=dark"), Some(Theme::Dark));
        assert_eq!(theme("?embed=1&theme=light"), Some(Theme::Light));
        assert_eq!(theme("?embed=1&theme=auto"), Some(Theme::System));
    }

    fn file(name: &str, text: &str) -> File {
        File { name: name.to_owned(), text: text.to_owned() }
    }

    #[test]
    fn one_file_is_one_block_and_its_text_is_escaped() {
        let code = script_code("https://nixpen.example/", &[file("default.nix", "a < b && \"c\" > d\n")]);
        assert_eq!(
            code,
            "<pre data-nixpen data-nixpen-file=\"default.nix\">\na &lt; b &amp;&amp; &quot;c&quot; > d\n\n</pre>\n\
             <script src=\"https://nixpen.example/embed.js\" defer></script>"
        );
    }

    #[test]
    fn several_files_are_one_group() {
        let code = script_code(
            "https://x.example/play/index.html",
            &[file("configuration.nix", "{ }"), file("app.nix", "{ }")],
        );
        assert!(code.ends_with("<script src=\"https://x.example/play/embed.js\" defer></script>"), "{code}");
        assert_eq!(code.matches("data-nixpen-group=\"nixpen\"").count(), 2, "{code}");
        assert!(code.contains("data-nixpen-file=\"app.nix\""), "{code}");
        assert!(!code.contains("<pre data-nixpen "), "{code}");
    }
}
