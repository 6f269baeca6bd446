//! The user's work: the files of the playground, which one is open, and
//! what the options form overrides. Plain data, saved to `localStorage` on every edit and restored on load.

use serde::{Deserialize, Serialize};

use nixpen_nixos::SourceKind;

use crate::overrides::Override;
use crate::protocol::File;

/// The files of one playground.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// The files, in tab order; never empty.
    pub files: Vec<File>,
    /// Index into `files` of the tab shown in the editor.
    pub active: usize,
    /// Name of the file that is evaluated.
    pub entry: String,
    /// The values the options form set (older saves and links have none).
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// How the entry is read, if the user chose; else as its text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SourceKind>,
    /// The example these files were loaded from (the menu shows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Loaded>,
    /// The output tab and file shown; share links keep them.
    #[serde(default)]
    pub view: View,
}

/// The example a workspace was loaded from: its id, and the checksum of
/// its file as loaded (`examples::checksum`), to tell whether it was edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loaded {
    /// The example's id.
    pub id: String,
    /// The checksum of its name and text.
    pub sum: u32,
}

/// Which output the user looks at: a tab (`units`, `etc`, …) and, in a
/// list of files, the file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// The output tab's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
    /// The file chosen in that tab's list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

impl Workspace {
    /// A one-file workspace holding `text` in `name`.
    pub fn single(name: &str, text: &str) -> Workspace {
        Workspace {
            files: vec![File { name: name.to_owned(), text: text.to_owned() }],
            active: 0,
            entry: name.to_owned(),
            overrides: Vec::new(),
            kind: None,
            example: None,
            view: View::default(),
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
        let mut seen = std::collections::BTreeSet::new();
        self.files.retain(|file| is_valid_name(&file.name) && seen.insert(file.name.clone()));
        if self.files.is_empty() {
            return None;
        }
        if self.active >= self.files.len() {
            self.active = 0;
        }
        self.refresh_entry();
        Some(self)
    }

    /// Re-picks the evaluated file after files were added or removed:
    /// `flake.nix` if there is one, else `default.nix`, else
    /// `configuration.nix`, else the first file.
    pub fn refresh_entry(&mut self) {
        let has = |name: &str| self.files.iter().any(|file| file.name == name);
        self.entry = ["flake.nix", "default.nix", "configuration.nix"]
            .into_iter()
            .find(|name| has(name))
            .map_or_else(|| self.files[0].name.clone(), str::to_owned);
    }

    /// Adds an empty file named `name` and opens it; `Err` with the reason
    /// if the name is not usable.
    pub fn add_file(&mut self, name: &str) -> Result<(), String> {
        let name = name.trim();
        if !is_valid_name(name) {
            return Err(format!("'{name}' is not a usable file name (no '/', at most 64 characters)"));
        }
        if self.files.iter().any(|file| file.name == name) {
            return Err(format!("there is already a file named '{name}'"));
        }
        self.files.push(File { name: name.to_owned(), text: String::new() });
        self.active = self.files.len() - 1;
        self.refresh_entry();
        Ok(())
    }

    /// Removes file `index` (never the last remaining file).
    pub fn remove_file(&mut self, index: usize) {
        if self.files.len() <= 1 || index >= self.files.len() {
            return;
        }
        self.files.remove(index);
        if self.active >= self.files.len() || self.active > index {
            self.active = self.active.saturating_sub(1);
        }
        self.refresh_entry();
    }
}

/// Whether `name` can be a playground file name: a plain name (no folders,
/// not `.` or `..`) of at most 64 characters.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 64 && name != "." && name != ".." && !name.contains('/') && !name.contains('\0')
}
