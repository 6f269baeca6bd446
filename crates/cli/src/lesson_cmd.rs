//! `nixpen lesson check DIR` and `nixpen lesson build DIR OUT`: verify
//! courses (each step's solution passes its checks, an exercise's
//! starting files do not, the texts convert and their links resolve) and
//! write the bundle the playground fetches. DIR is a course folder or a
//! folder of courses (`lessons/`).

use std::path::Path;
use std::process::ExitCode;

use nixpen_lessons::author::{course_dirs, load_course, verify_course, write_bundle};
use nixpen_lessons::{Course, Playground};

const USAGE: &str = "usage: nixpen lesson check DIR\n       nixpen lesson build DIR OUT";

/// `nixpen lesson …`.
pub fn run(args: &[String]) -> ExitCode {
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["check", dir] => check(Path::new(dir)),
        ["build", dir, out] => build(Path::new(dir), Path::new(out)),
        _ => {
            eprintln!("error: expected `check DIR` or `build DIR OUT`\n\n{USAGE}");
            ExitCode::from(1)
        }
    }
}

/// Loads every course under `dir`, printing the problems of those that
/// cannot be loaded; `None` when `dir` holds no course.
fn load_all(dir: &Path, playground: &mut Playground) -> Option<(Vec<(String, Course)>, usize)> {
    let dirs = match course_dirs(dir) {
        Ok(dirs) => dirs,
        Err(problem) => {
            eprintln!("error: {problem}");
            return None;
        }
    };
    let mut courses = Vec::new();
    let mut broken = 0;
    for course_dir in dirs {
        let shown = course_dir.display().to_string();
        match load_course(&course_dir, playground) {
            Ok(course) => courses.push((shown, course)),
            Err(problems) => {
                broken += 1;
                println!("course {shown}: cannot be read");
                for problem in problems {
                    println!("  error: {problem}");
                }
            }
        }
    }
    Some((courses, broken))
}

fn check(dir: &Path) -> ExitCode {
    let mut playground = Playground::new();
    let Some((courses, broken)) = load_all(dir, &mut playground) else {
        return ExitCode::from(1);
    };
    let (mut passed, mut failed) = (0, 0);
    for (shown, course) in &courses {
        println!("course {} ({shown}): {}, {} steps", course.id, course.title, course.steps.len());
        for report in verify_course(course, &mut playground) {
            if report.ok() {
                passed += 1;
            } else {
                failed += 1;
            }
            for line in report.lines() {
                println!("  {line}");
            }
        }
    }
    if broken > 0 {
        println!("{broken} course(s) cannot be read");
    }
    println!("lessons: {passed} passed, {failed} failed");
    if failed == 0 && broken == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn build(dir: &Path, out: &Path) -> ExitCode {
    let mut playground = Playground::new();
    let Some((courses, broken)) = load_all(dir, &mut playground) else {
        return ExitCode::from(1);
    };
    if broken > 0 {
        eprintln!("error: {broken} course(s) cannot be read; nothing written");
        return ExitCode::from(1);
    }
    let courses: Vec<Course> = courses.into_iter().map(|(_, course)| course).collect();
    match write_bundle(&courses, out) {
        Ok(written) => {
            for (name, bytes) in written {
                println!("{}/{name}: {bytes} bytes", out.display());
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("error: {problem}");
            ExitCode::from(1)
        }
    }
}
