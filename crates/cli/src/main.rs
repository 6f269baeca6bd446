//! `nixpen`: evaluate Nix, render NixOS configurations, list their options,
//! explain where values and rendered lines come from, trace requests
//! through nginx and check lessons from a terminal, with the same engine
//! as the browser
//! playground.
//!
//! `nixpen eval` takes `nix-instantiate --eval`'s flags and prints what it
//! prints; errors go to stderr starting with `error:` and exit with status 1.

mod dump_cmd;
mod engine;
mod eval_args;
mod eval_cmd;
mod explain_cmd;
mod explain_text;
mod lesson_cmd;
mod log_text;
mod search_path;
mod system_args;
mod system_cmd;
mod trace_cmd;

use std::process::ExitCode;

/// Chunks for what evaluations allocate, mimalloc for the rest (see
/// `nixpen_alloc`).
#[global_allocator]
static ALLOCATOR: nixpen_alloc::NixpenAlloc = nixpen_alloc::NixpenAlloc;

const USAGE: &str = "\
usage: nixpen <command> [args]

commands:
  eval [--strict] [--json] [--xml] [-A ATTR] [-I NAME=PATH]... [--arg NAME EXPR]
       [--argstr NAME VALUE] [--option NAME VALUE] [--show-trace] (FILE | --expr EXPR)
                         evaluate like `nix-instantiate --eval`
  render PATH [--attr ATTR] [--json]
                         render a flake's (or a module's) NixOS configuration:
                         unit files, nginx.conf, /etc files, firewall ports
  options PATH [--attr ATTR] [--json] [--all]
                         list the options the user's own modules declare
  explain PATH OPTION [--attr ATTR] [--json]
                         an option's value, type, declarations and every
                         definition (file:line:column, priority), which won and why
  explain PATH --file NAME [--attr ATTR] [--json]
                         a rendered file (units/NAME, nginx.conf, etc/PATH),
                         each line with the options it comes from
  trace PATH [METHOD] URL [--address IP] [--attr ATTR] [--json]
                         which server and location of nginx.conf answer a
                         request and what they do, with the lines involved
  dump-nixpkgs DIR       write the embedded nixpkgs tree to DIR
  lesson check DIR       check the courses in DIR (a course folder or a folder
                         of them): solutions pass, exercises start failing
  lesson build DIR OUT   write the courses in DIR as the playground's bundle
  help                   show this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(1);
    };
    match command.as_str() {
        "eval" => eval_cmd::run(rest),
        "render" => system_cmd::render(rest),
        "options" => system_cmd::options(rest),
        "explain" => explain_cmd::run(rest),
        "trace" => trace_cmd::run(rest),
        "dump-nixpkgs" => dump_cmd::run(rest),
        "lesson" => lesson_cmd::run(rest),
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
