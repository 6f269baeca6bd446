//! The colour theme: follows the system unless the user picked light or
//! dark (remembered in `localStorage`, applied as `data-theme` on `<html>`).

use crate::storage;

/// The key under which the choice is saved.
const THEME_KEY: &str = "nixpen.theme";

/// The user's theme choice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's preference.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The saved choice (or [`Theme::System`]). It is saved as the JSON
    /// string of its name (`"Light"`), as earlier versions saved it.
    pub fn load() -> Theme {
        match storage::load_text(THEME_KEY).as_deref() {
            Some("\"Light\"") => Theme::Light,
            Some("\"Dark\"") => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The next choice in the toggle's cycle: system → light → dark → system.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    /// The toggle's label.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: system",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }

    /// Applies the choice to the document and saves it.
    pub fn apply(self, save: bool) {
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = match self {
                Theme::System => root.remove_attribute("data-theme"),
                Theme::Light => root.set_attribute("data-theme", "light"),
                Theme::Dark => root.set_attribute("data-theme", "dark"),
            };
        }
        if save {
            let name = match self {
                Theme::System => "\"System\"",
                Theme::Light => "\"Light\"",
                Theme::Dark => "\"Dark\"",
            };
            storage::save_text(THEME_KEY, name);
        }
    }
}
