//! The test suites whose data lives outside the repository, and the one
//! rule for them: **a suite whose data is missing never passes.**
//!
//! A test asks for its suite with [`require`]. When the data is there it
//! gets its path. When it is not, the test fails, saying what is missing —
//! unless the suite is named in `NIXPEN_SKIP` (comma-separated, or `all`),
//! which `cargo xtask test` sets for the suites its preflight found missing
//! (outside CI): then the test prints `SKIPPED <suite>: <reason>` and
//! returns, and xtask's summary names the suite as skipped, not passed.
//!
//! ```no_run
//! let Some(dir) = nixpen_testkit::require(&nixpen_testkit::NIX_LANG) else { return };
//! assert!(dir.join("README.md").exists());
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

/// One external suite: a folder beside the repository, or a program.
#[derive(Debug)]
pub struct Suite {
    /// Short name, as `NIXPEN_SKIP` and xtask's summary spell it.
    pub name: &'static str,
    /// What it is and where it comes from (for the README and messages).
    pub source: &'static str,
    /// Where it is looked for.
    pub location: Location,
}

/// Where a suite's data is.
#[derive(Debug)]
pub enum Location {
    /// A folder under the shared data directory (`../shared` beside the
    /// repository, or `$NIXPEN_SHARED_DIR`).
    Shared(&'static str),
    /// A program on `PATH`, run with `--version` to see that it works.
    Program(&'static str),
}

/// Nix's own language tests (`tests/functional/lang` of NixOS/nix).
pub const NIX_LANG: Suite = Suite {
    name: "nix-lang",
    source: "NixOS/nix tests/functional/lang at 88b09c64fbea076a0376830d98e5331f70ed31a3",
    location: Location::Shared("conformance/nix-lang"),
};

/// nixpkgs' module-system tests (`lib/tests/modules.sh`) as data.
pub const NIXPKGS_MODULES: Suite = Suite {
    name: "nixpkgs-modules",
    source: "nixpkgs lib/tests/modules.sh and lib/tests/modules/ (nix-community/nixpkgs.lib at de42d44212d207476489bce163375d8306a26d59)",
    location: Location::Shared("conformance/nixpkgs-modules"),
};

/// The tutorial the playground accompanies, as the reader's flake after
/// each step.
pub const ARTICLE: Suite = Suite {
    name: "article",
    source: "the article \"Nix Flakes: Exposing and using NixOS Modules\", one flake.nix per step",
    location: Location::Shared("examples/article"),
};

/// Outputs of real NixOS module code for two configurations.
pub const GOLDEN: Suite = Suite {
    name: "golden",
    source: "unit files and nginx.conf rendered by real nixpkgs modules under CppNix 2.8",
    location: Location::Shared("golden"),
};

/// Real Nix, the oracle of the differential tests.
pub const CPPNIX: Suite = Suite {
    name: "cppnix",
    source: "nix-instantiate (CppNix 2.8, Debian's nix-bin, installed by scripts/tools.sh)",
    location: Location::Program("nix-instantiate"),
};

/// Every external suite, in the order xtask reports them.
pub const SUITES: &[&Suite] = &[&NIX_LANG, &NIXPKGS_MODULES, &ARTICLE, &GOLDEN, &CPPNIX];

/// The repository's root (this crate sits at `testkit/`).
pub fn repo_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = here.join("..");
    root.canonicalize().unwrap_or(root)
}

/// The shared data folder: `$NIXPEN_SHARED_DIR`, else `../shared` beside
/// the repository.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("NIXPEN_SHARED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => repo_root().join("../shared"),
    }
}

impl Suite {
    /// The suite's path (a folder, or the program's name), or why it is
    /// not usable here.
    pub fn locate(&self) -> Result<PathBuf, String> {
        match self.location {
            Location::Shared(rel) => {
                let dir = shared_dir().join(rel);
                match dir.canonicalize() {
                    Ok(found) if found.is_dir() => Ok(found),
                    _ => Err(format!("{} not found", dir.display())),
                }
            }
            Location::Program(program) => match Command::new(program).arg("--version").output() {
                Ok(out) if out.status.success() => Ok(PathBuf::from(program)),
                Ok(_) => Err(format!("{program} --version failed")),
                Err(_) => Err(format!("{program} not found on PATH")),
            },
        }
    }

    /// Whether `NIXPEN_SKIP` allows this suite to be skipped.
    fn skip_allowed(&self) -> bool {
        std::env::var("NIXPEN_SKIP")
            .map(|list| list.split(',').map(str::trim).any(|name| name == self.name || name == "all"))
            .unwrap_or(false)
    }
}

/// The suite's path; when it is missing, `None` if `NIXPEN_SKIP` names it
/// (after printing `SKIPPED`), otherwise a failed test saying what is missing.
pub fn require(suite: &Suite) -> Option<PathBuf> {
    match suite.locate() {
        Ok(path) => Some(path),
        Err(reason) if suite.skip_allowed() => {
            eprintln!("SKIPPED {}: {reason}", suite.name);
            None
        }
        Err(reason) => panic!(
            "the {} suite is missing: {reason} ({}). A test whose data is missing never passes: \
             run `cargo xtask test`, which names the suites it skips, or set NIXPEN_SKIP={} to skip it knowingly.",
            suite.name, suite.source, suite.name
        ),
    }
}

/// Whether `nix-instantiate` works here ([`require`] of [`CPPNIX`]).
pub fn cppnix() -> bool {
    require(&CPPNIX).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_named() {
        let suite = Suite { name: "nowhere", source: "a test", location: Location::Shared("no/such/folder") };
        let reason = suite.locate().unwrap_err();
        assert!(reason.ends_with("no/such/folder not found"), "{reason}");
    }

    #[test]
    fn a_missing_program_is_named() {
        let suite = Suite { name: "none", source: "a test", location: Location::Program("nixpen-no-such-program") };
        assert_eq!(suite.locate().unwrap_err(), "nixpen-no-such-program not found on PATH");
    }

    #[test]
    #[should_panic(expected = "the nowhere suite is missing")]
    fn a_missing_suite_fails_unless_skipped_knowingly() {
        let suite = Suite { name: "nowhere", source: "a test", location: Location::Shared("no/such/folder") };
        require(&suite);
    }
}
