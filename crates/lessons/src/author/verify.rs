//! `nixpen lesson check`'s verdict on a course: every step's solution
//! passes all its checks; an exercise's starting files fail at least one
//! (or the learner would have nothing to do); a reading step's starting
//! files pass them all.

use crate::course::{Course, Step, StepKind};
use crate::verdict::Verdict;
use crate::Playground;

/// What checking one step found.
#[derive(Debug)]
pub struct StepReport {
    /// The step's id.
    pub id: String,
    /// Its kind.
    pub kind: StepKind,
    /// The checks' labels.
    pub labels: Vec<String>,
    /// The verdicts on the solution.
    pub solution: Vec<Verdict>,
    /// The verdicts on the starting files.
    pub start: Vec<Verdict>,
}

impl StepReport {
    /// Whether the step is as it should be.
    pub fn ok(&self) -> bool {
        let solution_passes = self.solution.iter().all(|v| v.passed);
        let start_passes = self.start.iter().all(|v| v.passed);
        solution_passes
            && match self.kind {
                StepKind::Exercise => !start_passes,
                StepKind::Reading => start_passes,
            }
    }

    /// The report's lines: a summary, then what went wrong.
    pub fn lines(&self) -> Vec<String> {
        let count = |verdicts: &[Verdict]| verdicts.iter().filter(|v| v.passed).count();
        let n = self.labels.len();
        let (solution, start) = (count(&self.solution), count(&self.start));
        let mut lines = vec![match self.kind {
            StepKind::Exercise => format!(
                "{} {}: exercise; solution passes {solution}/{n} checks, start passes {start}/{n}",
                if self.ok() { "ok  " } else { "FAIL" },
                self.id
            ),
            StepKind::Reading => format!(
                "{} {}: reading; start passes {start}/{n} checks, solution {solution}/{n}",
                if self.ok() { "ok  " } else { "FAIL" },
                self.id
            ),
        }];
        for (i, verdict) in self.solution.iter().enumerate().filter(|(_, v)| !v.passed) {
            lines.push(format!("       solution fails: {}", self.labels[i]));
            lines.push(format!("         found: {}", verdict.detail.as_deref().unwrap_or("-")));
        }
        match self.kind {
            StepKind::Exercise if start == n => {
                lines.push("       the starting files already pass every check: nothing is left to do".into());
            }
            StepKind::Reading => {
                for (i, verdict) in self.start.iter().enumerate().filter(|(_, v)| !v.passed) {
                    lines.push(format!("       start fails: {}", self.labels[i]));
                    lines.push(format!("         found: {}", verdict.detail.as_deref().unwrap_or("-")));
                }
            }
            StepKind::Exercise => {}
        }
        lines
    }
}

/// Checks every step of `course` in `playground`.
pub fn verify_course(course: &Course, playground: &mut Playground) -> Vec<StepReport> {
    course.steps.iter().map(|step| verify_step(step, playground)).collect()
}

/// Checks one step: its solution, then its starting files.
pub fn verify_step(step: &Step, playground: &mut Playground) -> StepReport {
    let attr = step.attr.as_deref();
    let solution = playground.check(&step.solution, &step.entry, attr, &step.checks);
    let start = playground.check(&step.start, &step.entry, attr, &step.checks);
    StepReport {
        id: step.id.clone(),
        kind: step.kind,
        labels: step.checks.iter().map(|c| c.label.clone()).collect(),
        solution,
        start,
    }
}
