//! A lesson's text as safe structured data: the few kinds of blocks and
//! inline pieces the lesson panel maps to elements, converted from Markdown
//! at build time (`author::markdown`), so the browser ships no Markdown
//! parser and no HTML from a lesson file ever reaches the page.
//!
//! In JSON each block or inline piece is an object with one key naming its
//! kind, e.g. `{"p":[{"t":"Run "},{"code":"nix build"}]}`.

use serde::{Deserialize, Serialize};

/// A block of text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A heading: its level (2 to 4; the step's title is the level-1
    /// heading) and its text.
    #[serde(rename = "h")]
    Heading(u8, Vec<Inline>),
    /// A paragraph.
    #[serde(rename = "p")]
    Paragraph(Vec<Inline>),
    /// A bulleted list: each item a list of blocks.
    #[serde(rename = "ul")]
    Bullets(Vec<Vec<Block>>),
    /// A numbered list: its first number and its items.
    #[serde(rename = "ol")]
    Numbered(u64, Vec<Vec<Block>>),
    /// A block of code: its language (`nix`, `console`, or empty) and text.
    #[serde(rename = "pre")]
    Code(String, String),
    /// A quotation, shown as an aside.
    #[serde(rename = "quote")]
    Quote(Vec<Block>),
}

/// A piece of text inside a block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    /// Plain text.
    #[serde(rename = "t")]
    Text(String),
    /// Emphasis (`*word*`).
    #[serde(rename = "em")]
    Emphasis(Vec<Inline>),
    /// Strong emphasis (`**word**`).
    #[serde(rename = "strong")]
    Strong(Vec<Inline>),
    /// Inline code (`` `code` ``).
    #[serde(rename = "code")]
    Code(String),
    /// A link: its target (see [`Href`]) and its text.
    #[serde(rename = "a")]
    Link(String, Vec<Inline>),
    /// A hard line break.
    #[serde(rename = "br")]
    Break,
}

/// Where a link may lead: a web page, or another step of the same course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Href<'a> {
    /// An `http://` or `https://` address, opened as it is.
    Web(&'a str),
    /// `#<step-id>`: a step of the same course.
    Step(&'a str),
}

impl<'a> Href<'a> {
    /// Classifies a link's target; `None` for anything else (`javascript:`,
    /// `data:`, relative paths, …), which a lesson may not contain.
    ///
    /// ```
    /// use nixpen_lessons::markdown::Href;
    /// assert_eq!(Href::parse("https://nixos.org/manual/"), Some(Href::Web("https://nixos.org/manual/")));
    /// assert_eq!(Href::parse("#03-module-template"), Some(Href::Step("03-module-template")));
    /// assert_eq!(Href::parse("javascript:alert(1)"), None);
    /// assert_eq!(Href::parse("https://"), None);
    /// ```
    pub fn parse(target: &'a str) -> Option<Href<'a>> {
        if let Some(id) = target.strip_prefix('#') {
            let plain = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            return plain.then_some(Href::Step(id));
        }
        let rest = target.strip_prefix("https://").or_else(|| target.strip_prefix("http://"))?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let clean = target.chars().all(|c| c.is_ascii_graphic());
        (clean && !host.is_empty()).then_some(Href::Web(target))
    }
}
