//! `nixpen`: evaluate Nix, render NixOS configurations and list their options
//! from a terminal, with the same engine as the browser playground.

mod dump_cmd;

use std::process::ExitCode;

const USAGE: &str = "\
usage: nixpen <command> [args]

commands:
  dump-nixpkgs DIR       write the embedded nixpkgs tree to DIR
  help                   show this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(1);
    };
    match command.as_str() {
        "dump-nixpkgs" => dump_cmd::run(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("error: unknown command '{other}'\n\n{USAGE}");
            ExitCode::from(1)
        }
    }
}
