//! Markdown (CommonMark, no extensions) turned into the bundle's safe
//! blocks ([`crate::markdown`]). What the lesson panel cannot show safely
//! is refused with a reason instead of being dropped or passed through:
//! raw HTML, images, level-1 and level-5+ headings, rules, and links that
//! lead anywhere but to a web page or a step of the course.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::markdown::{Block, Href, Inline};

/// A converted text: its blocks, and the steps its links lead to (to be
/// checked against the course's steps).
#[derive(Debug, Default, PartialEq)]
pub struct Converted {
    /// The blocks.
    pub blocks: Vec<Block>,
    /// The step ids of its `#step` links.
    pub step_links: Vec<String>,
}

/// Converts `text`; `Err` lists every problem found.
///
/// ```
/// use nixpen_lessons::author::markdown::convert;
/// use nixpen_lessons::markdown::{Block, Inline};
/// let c = convert("Run `nix build`.").unwrap();
/// assert_eq!(c.blocks, [Block::Paragraph(vec![Inline::Text("Run ".into()), Inline::Code("nix build".into()), Inline::Text(".".into())])]);
/// assert!(convert("<script>alert(1)</script>").is_err());
/// ```
pub fn convert(text: &str) -> Result<Converted, Vec<String>> {
    let (converted, problems) = convert_all(text);
    if problems.is_empty() {
        Ok(converted)
    } else {
        Err(problems)
    }
}

/// Converts `text` as far as it can: what it converted (with the step
/// links of every link it accepted), and the problems found.
pub fn convert_all(text: &str) -> (Converted, Vec<String>) {
    let mut builder = Builder { stack: vec![Frame::Blocks(Vec::new())], ..Builder::default() };
    for event in Parser::new(text) {
        builder.event(event);
    }
    builder.finish()
}

/// An open element.
#[derive(Debug)]
enum Frame {
    Blocks(Vec<Block>),
    Quote(Vec<Block>),
    List(Option<u64>, Vec<Vec<Block>>),
    Item(Vec<Block>),
    Paragraph(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    Code(String, String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Link(String, Vec<Inline>),
    /// Something refused: its content is read and thrown away.
    Refused,
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    problems: Vec<String>,
    step_links: Vec<String>,
}

impl Builder {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match self.stack.last_mut() {
                Some(Frame::Code(_, code)) => code.push_str(&text),
                _ => self.inline(Inline::Text(text.into_string())),
            },
            Event::Code(code) => self.inline(Inline::Code(code.into_string())),
            Event::SoftBreak => self.inline(Inline::Text(" ".into())),
            Event::HardBreak => self.inline(Inline::Break),
            Event::Html(html) | Event::InlineHtml(html) => {
                self.problem(format!("raw HTML is not allowed: `{}`", html.trim()))
            }
            Event::Rule => self.problem("horizontal rules (`---`) are not supported".into()),
            other => self.problem(format!("unsupported Markdown: {other:?}")),
        }
    }

    fn start(&mut self, tag: Tag) {
        let frame = match tag {
            Tag::Paragraph => Frame::Paragraph(Vec::new()),
            Tag::Heading { level, .. } => match level {
                HeadingLevel::H2 => Frame::Heading(2, Vec::new()),
                HeadingLevel::H3 => Frame::Heading(3, Vec::new()),
                HeadingLevel::H4 => Frame::Heading(4, Vec::new()),
                _ => {
                    let hashes = "#".repeat(level as usize);
                    self.problem(format!("headings go from ## to ####, not {hashes} (the step's title is the #)"));
                    Frame::Refused
                }
            },
            Tag::BlockQuote(_) => Frame::Quote(Vec::new()),
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
                Frame::Code(info.split_whitespace().next().unwrap_or("").to_owned(), String::new())
            }
            Tag::CodeBlock(CodeBlockKind::Indented) => Frame::Code(String::new(), String::new()),
            Tag::List(start) => Frame::List(start, Vec::new()),
            Tag::Item => Frame::Item(Vec::new()),
            Tag::Emphasis => Frame::Emphasis(Vec::new()),
            Tag::Strong => Frame::Strong(Vec::new()),
            Tag::Link { dest_url, .. } => match Href::parse(&dest_url) {
                Some(href) => {
                    if let Href::Step(id) = href {
                        self.step_links.push(id.to_owned());
                    }
                    Frame::Link(dest_url.into_string(), Vec::new())
                }
                None => {
                    self.problem(format!(
                        "a link may lead to an http(s) address or to a step (`#step-id`), not to `{dest_url}`"
                    ));
                    Frame::Refused
                }
            },
            Tag::Image { dest_url, .. } => {
                self.problem(format!("images are not supported: `{dest_url}`"));
                Frame::Refused
            }
            Tag::HtmlBlock => {
                self.problem("raw HTML is not allowed".into());
                Frame::Refused
            }
            other => {
                self.problem(format!("unsupported Markdown: {other:?}"));
                Frame::Refused
            }
        };
        self.stack.push(frame);
    }

    fn end(&mut self, _tag: TagEnd) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Paragraph(inlines) => self.block(Block::Paragraph(merge(inlines))),
            Frame::Heading(level, inlines) => self.block(Block::Heading(level, merge(inlines))),
            Frame::Quote(blocks) => self.block(Block::Quote(blocks)),
            Frame::Code(lang, text) => self.block(Block::Code(lang, text)),
            Frame::List(Some(start), items) => self.block(Block::Numbered(start, items)),
            Frame::List(None, items) => self.block(Block::Bullets(items)),
            Frame::Item(blocks) => match self.stack.last_mut() {
                Some(Frame::List(_, items)) => items.push(blocks),
                _ => self.problem("(Nixpen) a list item outside a list".into()),
            },
            Frame::Emphasis(inlines) => self.inline(Inline::Emphasis(merge(inlines))),
            Frame::Strong(inlines) => self.inline(Inline::Strong(merge(inlines))),
            Frame::Link(href, inlines) => self.inline(Inline::Link(href, merge(inlines))),
            Frame::Blocks(_) | Frame::Refused => {}
        }
    }

    /// Adds a finished block to the innermost open container.
    fn block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Frame::Blocks(blocks) | Frame::Quote(blocks) | Frame::Item(blocks)) => blocks.push(block),
            Some(Frame::Refused) => {}
            _ => self.problem("(Nixpen) a block inside text".into()),
        }
    }

    /// Adds an inline piece to the innermost open text; in a tight list
    /// item (text without a paragraph) it goes into the item's last
    /// paragraph, or a new one.
    fn inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(
                Frame::Paragraph(inlines)
                | Frame::Heading(_, inlines)
                | Frame::Emphasis(inlines)
                | Frame::Strong(inlines)
                | Frame::Link(_, inlines),
            ) => inlines.push(inline),
            Some(Frame::Item(blocks)) => match blocks.last_mut() {
                Some(Block::Paragraph(inlines)) => inlines.push(inline),
                _ => blocks.push(Block::Paragraph(vec![inline])),
            },
            Some(Frame::Refused) => {}
            _ => self.problem("(Nixpen) text outside a block".into()),
        }
    }

    fn problem(&mut self, problem: String) {
        if !self.problems.contains(&problem) {
            self.problems.push(problem);
        }
    }

    fn finish(mut self) -> (Converted, Vec<String>) {
        let blocks = match self.stack.pop() {
            Some(Frame::Blocks(blocks)) => blocks,
            _ => Vec::new(),
        };
        let blocks = blocks.into_iter().map(merge_block).collect();
        (Converted { blocks, step_links: self.step_links }, self.problems)
    }
}

/// `inlines` with neighbouring plain texts joined.
fn merge(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(next)) => prev.push_str(&next),
            (_, inline) => out.push(inline),
        }
    }
    out
}

/// A block whose tight-list paragraphs (built piece by piece) are merged too.
fn merge_block(block: Block) -> Block {
    let items = |items: Vec<Vec<Block>>| -> Vec<Vec<Block>> {
        items.into_iter().map(|blocks| blocks.into_iter().map(merge_block).collect()).collect()
    };
    match block {
        Block::Paragraph(inlines) => Block::Paragraph(merge(inlines)),
        Block::Bullets(list) => Block::Bullets(items(list)),
        Block::Numbered(start, list) => Block::Numbered(start, items(list)),
        Block::Quote(blocks) => Block::Quote(blocks.into_iter().map(merge_block).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn every_kind_of_block() {
        let md = "## Options\n\nA *module* **declares**\noptions: see [the manual](https://nixos.org/manual/).\n\n\
                  - one\n- `two`\n\n3. three\n4. four\n\n```nix\n{ a = 1; }\n```\n\n> Note\n";
        let c = convert(md).unwrap();
        assert_eq!(
            c.blocks,
            [
                Block::Heading(2, vec![text("Options")]),
                Block::Paragraph(vec![
                    text("A "),
                    Inline::Emphasis(vec![text("module")]),
                    text(" "),
                    Inline::Strong(vec![text("declares")]),
                    text(" options: see "),
                    Inline::Link("https://nixos.org/manual/".into(), vec![text("the manual")]),
                    text("."),
                ]),
                Block::Bullets(vec![
                    vec![Block::Paragraph(vec![text("one")])],
                    vec![Block::Paragraph(vec![Inline::Code("two".into())])]
                ]),
                Block::Numbered(
                    3,
                    vec![vec![Block::Paragraph(vec![text("three")])], vec![Block::Paragraph(vec![text("four")])]]
                ),
                Block::Code("nix".into(), "{ a = 1; }\n".into()),
                Block::Quote(vec![Block::Paragraph(vec![text("Note")])]),
            ]
        );
    }

    #[test]
    fn step_links_are_collected() {
        let c = convert("Back to [the container](#02-container).").unwrap();
        assert_eq!(c.step_links, ["02-container"]);
    }

    #[test]
    fn unsafe_or_unsupported_markdown_is_refused_with_reasons() {
        let problems = convert("# Title\n\n<b>bold</b> [x](javascript:alert(1)) ![i](a.png)\n\n---\n").unwrap_err();
        assert_eq!(problems.len(), 6, "{problems:?}");
        assert!(problems[0].starts_with("headings go from ##"), "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("raw HTML is not allowed: `<b>`")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("not to `javascript:alert(1)`")), "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("images are not supported")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("rules")), "{problems:?}");
        assert!(convert("<div>\nhi\n</div>\n").is_err());
        assert!(convert("[a](./other.md)").is_err());
    }

    #[test]
    fn the_json_is_compact() {
        let c = convert("Hi `x` [a](#s)").unwrap();
        let json = serde_json::to_string(&c.blocks).unwrap();
        assert_eq!(json, r##"[{"p":[{"t":"Hi "},{"code":"x"},{"t":" "},{"a":["#s",[{"t":"a"}]]}]}]"##);
    }
}
