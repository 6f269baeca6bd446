//! What the editor's keys do beyond typing. Every change goes through the
//! browser's editing commands, so undo still works.
//! - Tab indents, Shift+Tab removes one step; after Escape, Tab leaves.
//! - Enter keeps the line's indentation, adds a step after an opening
//!   bracket, `=`, `let` or `''` at the end of the line, and between a
//!   bracket pair puts the closing one on a line of its own.
//! - A closing bracket typed on a blank line goes to the indentation of the
//!   line that opened it.

use web_sys::{HtmlDocument, HtmlTextAreaElement, KeyboardEvent};
use yew::TargetCast;

use crate::brackets::{indent_at, open_at};

/// The indentation Tab inserts.
const INDENT: &str = "  ";

/// Handles a key pressed in the editor. `escaped` remembers a preceding
/// Escape, after which Tab moves focus as usual.
pub fn on_key(event: &KeyboardEvent, escaped: &mut bool) {
    let key = event.key();
    if key == "Escape" {
        *escaped = true;
        return;
    }
    let was_escaped = std::mem::replace(escaped, false);
    if event.ctrl_key() || event.meta_key() || event.alt_key() || event.is_composing() {
        return;
    }
    let area: HtmlTextAreaElement = event.target_unchecked_into();
    if area.read_only() {
        return;
    }
    let value = area.value();
    let (Ok(Some(start)), Ok(Some(end))) = (area.selection_start(), area.selection_end()) else { return };
    let caret = utf16_to_byte(&value, start as usize);
    let line_start = value[..caret].rfind('\n').map_or(0, |i| i + 1);
    let before = &value[line_start..caret];
    match key.as_str() {
        "Tab" if !was_escaped && !event.shift_key() => {
            event.prevent_default();
            insert_text(INDENT);
        }
        "Tab" if !was_escaped => {
            event.prevent_default();
            dedent_line(&area, &value, line_start, start);
        }
        "Enter" if !event.shift_key() && start == end => {
            event.prevent_default();
            let indent: String = before.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            let trimmed = before.trim_end();
            let opens = ["{", "[", "(", "=", "let", "''"].iter().any(|o| trimmed.ends_with(o));
            let inner = if opens { format!("{indent}{INDENT}") } else { indent.clone() };
            let next = value[caret..].chars().next();
            let pair = matches!(
                (trimmed.chars().next_back(), next),
                (Some('{'), Some('}')) | (Some('['), Some(']')) | (Some('('), Some(')'))
            );
            if pair {
                insert_text(&format!("\n{inner}\n{indent}"));
                let back = start + 1 + inner.encode_utf16().count() as u32;
                let _ = area.set_selection_range(back, back);
            } else {
                insert_text(&format!("\n{inner}"));
            }
        }
        "}" | "]" | ")" if start == end && !before.is_empty() && before.trim().is_empty() => {
            let Some(open) = open_at(&value, caret) else { return };
            if value[open..].starts_with(['"', '\'']) {
                return; // in a string, a bracket is text
            }
            let target = indent_at(&value, open);
            if target == before {
                return;
            }
            event.prevent_default();
            let from = value[..line_start].encode_utf16().count() as u32;
            let _ = area.set_selection_range(from, start);
            insert_text(&format!("{target}{key}"));
        }
        _ => {}
    }
}

/// Inserts `text` at the caret as if typed (keeps the browser's undo).
fn insert_text(text: &str) {
    let document: Option<HtmlDocument> =
        web_sys::window().and_then(|w| w.document()).map(wasm_bindgen::JsCast::unchecked_into);
    if let Some(document) = document {
        let _ = document.exec_command_with_show_ui_and_value("insertText", false, text);
    }
}

/// Removes up to one indentation step from the start of the caret's line.
fn dedent_line(area: &HtmlTextAreaElement, value: &str, line_start: usize, caret16: u32) {
    let spaces = value[line_start..].chars().take(INDENT.len()).take_while(|c| *c == ' ').count();
    if spaces == 0 {
        return;
    }
    let start16 = value[..line_start].encode_utf16().count() as u32;
    let _ = area.set_selection_range(start16, start16 + spaces as u32);
    insert_text("");
    let back = caret16.saturating_sub(spaces as u32).max(start16);
    let _ = area.set_selection_range(back, back);
}

/// Converts a UTF-16 offset (what the DOM uses) into a byte offset of `text`.
pub fn utf16_to_byte(text: &str, utf16: usize) -> usize {
    let mut seen = 0;
    for (byte, ch) in text.char_indices() {
        if seen >= utf16 {
            return byte;
        }
        seen += ch.len_utf16();
    }
    text.len()
}
