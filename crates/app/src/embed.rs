//! The embed view's options and the code that embeds a playground.
//!
//! `web/embed.js` opens the playground in an iframe at
//! `?embed=1[&readonly=1][&theme=light|dark|auto]#s=…`: the query says how
//! the view looks, the fragment (a share link's) holds the files and the
//! output to show. Its compact layout and height reports are
//! `web/embed-view.js`'s. The share panel offers the two ways to embed:
//! the script tag with `<pre data-nixpen>` blocks, and an iframe.

use crate::protocol::File;
use crate::theme::Theme;

/// How the embed view was asked to look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Embed {
    /// Outputs and the options form only, no editor (`readonly`).
    pub readonly: bool,
    /// The colours (`theme`; the reader's system setting if not given).
    pub theme: Theme,
}

impl Embed {
    /// The options in a page's query (`?embed=1&readonly=1`); `None` when
    /// it does not ask for the embed view.
    pub fn parse(query: &str) -> Option<Embed> {
        let mut embed = None;
        let mut options = Embed::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "embed" => embed = Some(()),
                "readonly" => options.readonly = value != "0",
                "theme" => {
                    options.theme = match value {
                        "light" => Theme::Light,
                        "dark" => Theme::Dark,
                        _ => Theme::System,
                    }
                }
                _ => {}
            }
        }
        embed.map(|()| options)
    }
}

/// The code for a page that includes `embed.js` from beside the
/// playground at `page` (its address): one `<pre data-nixpen>` per file (a
/// group when there are several), named, then the script tag.
pub fn script_code(page: &str, files: &[File]) -> String {
    let base = &page[..page.rfind('/').map_or(0, |slash| slash + 1)];
    let group = if files.len() > 1 { " data-nixpen-group=\"nixpen\"" } else { " data-nixpen" };
    let mut code = String::new();
    for file in files {
        // The newline after <pre> is dropped by HTML, the one before
        // </pre> by embed.js: the text comes back as it is.
        code += &format!("<pre{group} data-nixpen-file=\"{}\">\n{}\n</pre>\n", escape(&file.name), escape(&file.text));
    }
    code + &format!("<script src=\"{base}embed.js\" defer></script>")
}

/// The `<iframe>` code that shows the files of `fragment` (a share link's)
/// in the embed view of the playground at `page` (its address).
pub fn iframe_code(page: &str, fragment: &str) -> String {
    format!(
        "<iframe src=\"{page}?embed#{fragment}\" title=\"Nixpen playground\" width=\"100%\" height=\"480\" loading=\"lazy\"></iframe>"
    )
}

/// `text` as HTML text or attribute value.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_of_embed_js_is_read() {
        assert_eq!(Embed::parse(""), None);
        assert_eq!(Embed::parse("?theme=dark"), None);
        assert_eq!(Embed::parse("?embed"), Some(Embed::default()));
        assert_eq!(Embed::parse("?embed=1&readonly=1&theme=dark"), Some(Embed { readonly: true, theme: Theme::Dark }));
        assert_eq!(Embed::parse("?embed=1&theme=light").map(|e| e.theme), Some(Theme::Light));
        assert_eq!(Embed::parse("?embed=1&theme=auto").map(|e| e.theme), Some(Theme::System));
        assert_eq!(Embed::parse("?embed=1&readonly=0").map(|e| e.readonly), Some(false));
    }

    fn file(name: &str, text: &str) -> File {
        File { name: name.to_owned(), text: text.to_owned() }
    }

    #[test]
    fn one_file_is_one_block_and_its_text_is_escaped() {
        let code = script_code("https://nixpen.example/", &[file("default.nix", "a < b && \"c\"\n")]);
        assert_eq!(
            code,
            "<pre data-nixpen data-nixpen-file=\"default.nix\">\na &lt; b &amp;&amp; &quot;c&quot;\n\n</pre>\n\
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
