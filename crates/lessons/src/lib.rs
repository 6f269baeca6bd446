//! Nixpen's lessons: courses whose steps are checked by what NixOS would
//! produce.
//!
//! - [`course`]: a course as the playground fetches it (the bundle), and
//!   the index of courses; [`markdown`]: a step's text as safe blocks.
//! - [`check`]: checks as data; [`run`]: judging them with an evaluator,
//!   by the judges written in Nix (`<nixpkgs/nixpen/lesson-checks.nix>`,
//!   in `crates/nixos/nixpkgs-extra/`); [`verdict`]: pass or fail, with
//!   what was found instead.
//! - [`Playground`] (native only): the evaluator of `nixpen lesson check`.
//! - [`author`] (feature `author`): reading a course folder
//!   (`course.toml`, `step.toml`, `text.md`, `start/`, `solution/`),
//!   verifying it, and writing the bundle.
//!
//! The browser's worker uses [`run`] only: it reads no check, and links
//! neither the TOML nor the Markdown parser.

#[cfg(feature = "author")]
pub mod author;
pub mod check;
pub mod course;
pub mod markdown;
#[cfg(not(target_arch = "wasm32"))]
mod playground;
pub mod run;
pub mod verdict;

pub use check::{Check, Setting, Test, TextTest};
pub use course::{Course, CourseEntry, File, Step, StepKind};
#[cfg(not(target_arch = "wasm32"))]
pub use playground::Playground;
pub use run::run_checks;
pub use verdict::Verdict;
