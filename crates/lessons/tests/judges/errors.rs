//! How evaluation went: it succeeds or fails with a message at a place
//! (which the engine reports; the judges' second evaluation reads it), and
//! warnings, NixOS's or printed by the evaluator.

use nixpen_lessons::check::{Protocol, Test};

use crate::{check, expect, judge, on, with};

const BROKEN: &str = "{ pkgs, ... }:\n{\n  networking.hostName = nope;\n}\n";

fn error(contains: &str, file: Option<&str>, line: Option<u32>, column: Option<u32>) -> Test {
    Test::Error { contains: contains.into(), file: file.map(str::to_owned), line, column }
}

fn warning(contains: &str, present: bool) -> Test {
    Test::Warning { contains: contains.into(), present }
}

#[test]
fn an_error_at_its_place() {
    let tests = [
        error("undefined variable 'nope'", Some("configuration.nix"), Some(3), Some(25)),
        error("undefined variable", None, Some(3), None),
        error("undefined variable 'nope'", None, Some(45), None),
        error("undefined variable", Some("flake.nix"), None, None),
        Test::Evaluates,
        Test::Unit { unit: "nginx.service".into(), present: false },
        Test::Port { port: 80, protocol: Protocol::Tcp, interface: None, open: false },
        warning("x", false),
    ];
    let found = judge(&[("configuration.nix", BROKEN)], &tests.map(check));
    let at = "undefined variable 'nope' (configuration.nix, line 3, column 25)";
    expect(
        &found,
        &[
            None,
            None,
            Some(&format!("the error is: {at}")),
            Some(&format!("the error is: {at}")),
            Some(&format!("evaluation fails: {at}")),
            Some(&format!("the configuration does not evaluate: {at}")),
            Some(&format!("the configuration does not evaluate: {at}")),
            None,
        ],
    );
}

#[test]
fn evaluating_or_not() {
    let found = on("", vec![Test::Evaluates, error("undefined variable", None, None, None)]);
    expect(&found, &[None, Some("the configuration evaluates without an error")]);
    // A check forcing an option that does not exist fails alone.
    let module = "{ ... }: { }\n";
    let found =
        judge(&[("configuration.nix", module)], &[with("demo.nope", "1", Test::Evaluates), check(Test::Evaluates)]);
    let detail = found[0].as_deref().unwrap_or_default();
    assert!(detail.starts_with("evaluation fails: The option `demo' does not exist."), "{detail}");
    assert_eq!(found[1], None);
}

#[test]
fn warnings_from_nixos_and_from_the_evaluator() {
    let body = r#"
  networking.hostName = builtins.trace "hello" (lib.warn "system.stateVersion is not set" "demo");
  warnings = [ "The option `x' is deprecated" ];
"#;
    let found = on(
        body,
        vec![
            warning("stateVersion", true),
            warning("deprecated", true),
            warning("hello", false),
            warning("stateVersion", false),
            warning("deprecated", false),
            warning("cats", true),
        ],
    );
    expect(
        &found,
        &[
            None,
            None,
            None, // a trace is no warning
            Some("a warning says: system.stateVersion is not set"),
            Some("a warning says: The option `x' is deprecated"),
            Some("the warnings are: system.stateVersion is not set / The option `x' is deprecated"),
        ],
    );
    expect(&on("", vec![warning("x", true)]), &[Some("there are no warnings")]);
}
