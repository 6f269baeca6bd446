//! Nixpen's lessons: courses whose steps are checked by what NixOS would
//! produce.
//!
//! - [`course`]: a course as the playground fetches it (the bundle), and
//!   the index of courses; [`markdown`]: a step's text as safe blocks.
//! - [`check`]: checks as data; [`observe`]: what a check looks at;
//!   [`judge`]: pass or fail, with what was found instead; [`run`]: how a
//!   step's checks are observed through an evaluator ([`run::Host`]).
//! - [`Playground`] (native only): a host for `nixpen lesson check`.
//! - [`author`] (feature `author`): reading a course folder
//!   (`course.toml`, `step.toml`, `text.md`, `start/`, `solution/`),
//!   verifying it, and writing the bundle.
//!
//! The browser's worker uses the data types, [`judge`] and [`run`] only:
//! it links neither the TOML nor the Markdown parser.

#[cfg(feature = "author")]
pub mod author;
pub mod check;
pub mod course;
pub mod judge;
pub mod markdown;
pub mod observe;
pub mod path;
#[cfg(not(target_arch = "wasm32"))]
mod playground;
pub mod run;

pub use check::{Check, Setting, Test, TextTest};
pub use course::{Course, CourseEntry, File, Step, StepKind};
pub use judge::Verdict;
#[cfg(not(target_arch = "wasm32"))]
pub use playground::Playground;
pub use run::{run_checks, Host};
