//! Reading a step's files from disk: the files of `start/` or `solution/`,
//! as the playground's tabs hold them (names without folders).

use std::path::Path;

use crate::course::File;

/// The files directly in `dir`: the one named `entry` first, then the
/// others by name. `Err` says what is wrong (a subfolder, a file that is
/// not UTF-8 text).
pub fn read_files(dir: &Path, entry: Option<&str>) -> Result<Vec<File>, String> {
    let listing = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for item in listing {
        let item = item.map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = item.path();
        let name = item.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            return Err(format!(
                "{}: the playground holds no folders; put `{name}`'s files beside the others",
                dir.display()
            ));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push(File { name, text });
    }
    files.sort_by(|a, b| (Some(a.name.as_str()) != entry, &a.name).cmp(&(Some(b.name.as_str()) != entry, &b.name)));
    Ok(files)
}

/// The entry file of a step whose `step.toml` names none: `flake.nix` when
/// the starting files have one, else `configuration.nix`.
pub fn default_entry(dir: &Path) -> &'static str {
    if dir.join("flake.nix").is_file() {
        "flake.nix"
    } else {
        "configuration.nix"
    }
}
