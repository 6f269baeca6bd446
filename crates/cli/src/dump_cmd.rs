//! `nixpen dump-nixpkgs DIR`: writes the embedded nixpkgs tree to a folder so
//! that real Nix can evaluate the very same code.

use std::{path::Path, process::ExitCode};

/// Runs the command with the arguments after `dump-nixpkgs`.
pub fn run(args: &[String]) -> ExitCode {
    let [dir] = args else {
        eprintln!("error: usage: nixpen dump-nixpkgs DIR");
        return ExitCode::from(1);
    };
    match nixpen_nixos::embedded::dump(Path::new(dir)) {
        Ok(count) => {
            eprintln!("wrote {count} files to {dir}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: cannot write to '{dir}': {err}");
            ExitCode::from(1)
        }
    }
}
