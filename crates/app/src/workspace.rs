//! The user's work: the files of the playground and which one is open.
//! Plain data, saved to `localStorage` on every edit and restored on load.

use serde::{Deserialize, Serialize};

use crate::protocol::File;

/// The files of one playground.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    /// The files, in tab order; never empty.
    pub files: Vec<File>,
    /// Index into `files` of the tab shown in the editor.
    pub active: usize,
    /// Name of the file that is evaluated.
    pub entry: String,
}

impl Workspace {
    /// A one-file workspace holding `text` in `name`.
    pub fn single(name: &str, text: &str) -> Workspace {
        Workspace {
            files: vec![File { name: name.to_owned(), text: text.to_owned() }],
            active: 0,
            entry: name.to_owned(),
        }
    }

    /// The open file.
    pub fn active_file(&self) -> &File {
        &self.files[self.active]
    }

    /// Replaces the text of the open file.
    pub fn set_active_text(&mut self, text: String) {
        self.files[self.active].text = text;
    }

    /// Repairs a workspace read from storage or a link: at least one file,
    /// an `active` index in range, an `entry` that exists. Returns `None`
    /// when nothing usable is left.
    pub fn sanitized(mut self) -> Option<Workspace> {
        self.files.retain(|file| is_valid_name(&file.name));
        if self.files.is_empty() {
            return None;
        }
        if self.active >= self.files.len() {
            self.active = 0;
        }
        if !self.files.iter().any(|file| file.name == self.entry) {
            self.entry = self.files[0].name.clone();
        }
        Some(self)
    }
}

/// Whether `name` can be a playground file name: a plain name (no folders,
/// not `.` or `..`) of at most 64 characters.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name != "."
        && name != ".."
        && !name.contains('/')
        && !name.contains('\0')
}
