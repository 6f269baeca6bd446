//! Helpers shared by the CLI's integration tests: running the `nixpen`
//! binary under test, and finding out whether real Nix is installed.
#![allow(dead_code)] // each test uses only some of these

use std::process::Command;

/// Runs `nixpen ARGS`: (success, stdout, stderr).
pub fn nixpen(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nixpen")).args(args).output().expect("run nixpen");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Whether nix-instantiate runs here. When it does not, the test fails
/// unless `NIXPEN_SKIP` names `cppnix` (see `nixpen_testkit::require`).
pub fn have_nix() -> bool {
    nixpen_testkit::cppnix()
}
