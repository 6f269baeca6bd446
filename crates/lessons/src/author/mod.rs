//! For authors (feature `author`, used by `nixpen lesson`): reading course
//! folders written in TOML and Markdown, checking them, and writing the
//! bundle the playground fetches.
//!
//! A course folder holds `course.toml` (`title`, `summary`, `steps`: the
//! step folders in order) and one folder per step with `step.toml`
//! (`title`, `kind`, `entry`, `hints`, `[[check]]` tables), `text.md`,
//! `start/` and, for an exercise, `solution/`. `docs/lessons.md` describes
//! it in full.

mod bundle;
mod checks;
mod files;
mod labels;
mod load;
pub mod manifest;
pub mod markdown;
mod nix_value;
pub mod path;
mod pattern;
mod resolve;
mod verify;

use std::path::{Path, PathBuf};

pub use bundle::write_bundle;
pub use load::load_course;
pub use resolve::Resolver;
pub use verify::{verify_course, verify_step, StepReport};

/// The course folders `dir` names: itself when it holds `course.toml`,
/// else its subfolders that do, by name.
pub fn course_dirs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.join("course.toml").is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let listing = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut dirs: Vec<PathBuf> =
        listing.flatten().map(|item| item.path()).filter(|path| path.join("course.toml").is_file()).collect();
    dirs.sort();
    if dirs.is_empty() {
        return Err(format!("{}: no course here (a course folder holds course.toml)", dir.display()));
    }
    Ok(dirs)
}
