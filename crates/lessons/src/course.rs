//! A course as the playground fetches it: one JSON file per course (the
//! bundle `nixpen lesson build` writes), and the index of courses beside it.

use serde::{Deserialize, Serialize};

use crate::check::Check;
use crate::markdown::Block;

/// One course: its steps in order, each with everything the lesson panel
/// shows and checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Course {
    /// The course's id: its folder's name (`flake-modules`), used in
    /// `?lesson=<id>`.
    pub id: String,
    /// Its title.
    pub title: String,
    /// One or two sentences saying what it teaches.
    pub summary: String,
    /// Its steps, in order (`?lesson=<id>&step=<n>` counts from 1).
    pub steps: Vec<Step>,
}

/// One step of a course.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The step's id: its folder's name (`03-module-template`); a link
    /// `#03-module-template` in a lesson's text leads to it.
    pub id: String,
    /// Its title.
    pub title: String,
    /// An exercise (the starting files do not pass the checks yet) or a
    /// reading step (they already do).
    pub kind: StepKind,
    /// The file the playground evaluates: `flake.nix` or `configuration.nix`.
    pub entry: String,
    /// Which of a flake's `nixosConfigurations` to render, when it has
    /// several (as `nixpen render --attr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
    /// The step's text.
    pub text: Vec<Block>,
    /// Hints, revealed one at a time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<Vec<Block>>,
    /// The files the learner starts from.
    pub start: Vec<File>,
    /// The files of a solution (for a reading step, the starting files).
    pub solution: Vec<File>,
    /// What the result must show, in the order the panel lists them.
    pub checks: Vec<Check>,
}

/// What the learner does in a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// The learner changes the files until every check passes; the
    /// starting files fail at least one.
    Exercise,
    /// The learner reads and experiments; the starting files already pass.
    Reading,
}

/// One file of a step: a name (no folders, as the playground's tabs hold
/// them) and its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct File {
    /// The file's name, such as `flake.nix`.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// One line of the index of courses (`index.json`): enough to list the
/// courses in a menu without fetching them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseEntry {
    /// The course's id (its file is `<id>.json` beside the index).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its summary.
    pub summary: String,
    /// How many steps it has.
    pub steps: usize,
}

impl Course {
    /// The course's line in the index.
    pub fn entry(&self) -> CourseEntry {
        CourseEntry {
            id: self.id.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            steps: self.steps.len(),
        }
    }

    /// The step a link or a `step=` parameter names: its number counted
    /// from 1, or its id.
    ///
    /// ```
    /// # use nixpen_lessons::course::*;
    /// let step = |id: &str| Step { id: id.into(), title: id.into(), kind: StepKind::Reading,
    ///     entry: "flake.nix".into(), attr: None, text: vec![], hints: vec![], start: vec![],
    ///     solution: vec![], checks: vec![] };
    /// let course = Course { id: "c".into(), title: "C".into(), summary: String::new(),
    ///     steps: vec![step("01-a"), step("02-b")] };
    /// assert_eq!(course.find_step("2"), Some(1));
    /// assert_eq!(course.find_step("01-a"), Some(0));
    /// assert_eq!(course.find_step("3"), None);
    /// ```
    pub fn find_step(&self, name: &str) -> Option<usize> {
        if let Ok(n) = name.parse::<usize>() {
            return (1..=self.steps.len()).contains(&n).then(|| n - 1);
        }
        self.steps.iter().position(|step| step.id == name)
    }
}
