//! The bundle the playground fetches: `<id>.json` per course and
//! `index.json` listing them, written by `nixpen lesson build`.

use std::path::Path;

use crate::course::{Course, CourseEntry};

/// Writes `courses` into `out` (created if missing); returns each file
/// written with its size in bytes.
pub fn write_bundle(courses: &[Course], out: &Path) -> Result<Vec<(String, usize)>, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut written = Vec::new();
    let mut write = |name: String, json: String| -> Result<(), String> {
        let path = out.join(&name);
        std::fs::write(&path, &json).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push((name, json.len()));
        Ok(())
    };
    for course in courses {
        write(format!("{}.json", course.id), to_json(course)?)?;
    }
    let index: Vec<CourseEntry> = courses.iter().map(Course::entry).collect();
    write("index.json".into(), to_json(&index)?)?;
    Ok(written)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| format!("(Nixpen) cannot write JSON: {e}"))
}
