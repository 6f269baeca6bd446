//! What a Nix file holds, judged by its text alone: a flake, a NixOS
//! configuration (a module), or any other expression. The playground
//! evaluates a file as what it holds, whatever its name; the CLI can use
//! the same judgement. Only tokens are read (no parse), so a half-typed
//! file keeps the kind it had.

use rnix::SyntaxKind::{self, *};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SourceKind {
    /// An attribute set with `outputs`: a flake.
    Flake,
    /// A NixOS module: a set of NixOS's top-level options (`services`,
    /// `imports`, …), or a function of `config`, `lib`, `pkgs`, … without defaults.
    Configuration,
    /// Anything else: a value to print.
    Expression,
}

/// Top-level names that only a NixOS module sets.
const NIXOS_NAMES: &[&str] = &[
    "imports",
    "options",
    "config",
    "services",
    "networking",
    "boot",
    "environment",
    "systemd",
    "users",
    "security",
    "programs",
    "fileSystems",
    "swapDevices",
    "hardware",
    "nix",
    "nixpkgs",
    "system",
    "time",
    "i18n",
    "console",
    "virtualisation",
    "documentation",
    "fonts",
    "xdg",
    "powerManagement",
    "zramSwap",
    "sound",
    "location",
    "containers",
    "assertions",
    "warnings",
    "disabledModules",
    "_module",
    "meta",
];

/// The arguments a NixOS module function takes.
const MODULE_ARGS: &[&str] = &["config", "lib", "pkgs", "options", "modulesPath", "utils"];

impl SourceKind {
    /// Judges `text`.
    ///
    /// ```
    /// use nixpen_nixos::kind::SourceKind;
    /// assert_eq!(SourceKind::of("{ outputs = { self }: { }; }"), SourceKind::Flake);
    /// assert_eq!(SourceKind::of("{ pkgs, ... }: { services.nginx.enable = true; }"), SourceKind::Configuration);
    /// assert_eq!(SourceKind::of("{ a = 1; }"), SourceKind::Expression);
    /// ```
    pub fn of(text: &str) -> SourceKind {
        let tokens: Vec<(SyntaxKind, &str)> =
            rnix::tokenize(text).filter(|(kind, _)| !matches!(kind, TOKEN_WHITESPACE | TOKEN_COMMENT)).collect();
        of_tokens(&tokens)
    }

    /// How the playground names the kind.
    pub fn describe(self) -> &'static str {
        match self {
            SourceKind::Flake => "flake",
            SourceKind::Configuration => "NixOS configuration",
            SourceKind::Expression => "expression",
        }
    }
}

fn of_tokens(mut t: &[(SyntaxKind, &str)]) -> SourceKind {
    loop {
        match t.first().map(|(kind, _)| *kind) {
            // `let … in body`, `with e; body`, `assert e; body`, `( body )`: the body.
            Some(TOKEN_LET) => t = after_let(t),
            Some(TOKEN_WITH | TOKEN_ASSERT) => t = after(t, TOKEN_SEMICOLON),
            Some(TOKEN_L_PAREN) => t = &t[1..],
            Some(TOKEN_REC) => t = &t[1..],
            Some(TOKEN_IDENT) if matches!(t.get(1), Some((TOKEN_COLON, _))) => t = &t[2..],
            Some(TOKEN_IDENT) if matches!(t.get(1), Some((TOKEN_AT, _))) => t = &t[2..],
            Some(TOKEN_L_BRACE) => {
                let end = closing(t);
                match t.get(end + 1).map(|(kind, _)| *kind) {
                    Some(TOKEN_COLON | TOKEN_AT) => {
                        let formals = &t[1..end];
                        let body = of_tokens(after(&t[end..], TOKEN_COLON));
                        let module_args = formals.iter().any(|(k, s)| *k == TOKEN_IDENT && MODULE_ARGS.contains(s))
                            && !formals.iter().any(|(k, _)| *k == TOKEN_QUESTION);
                        return if module_args || body == SourceKind::Configuration {
                            SourceKind::Configuration
                        } else {
                            SourceKind::Expression
                        };
                    }
                    _ => return of_names(&t[1..end]),
                }
            }
            _ => return SourceKind::Expression,
        }
    }
}

/// The kind of a set whose entries are `body`, by the names it sets.
fn of_names(body: &[(SyntaxKind, &str)]) -> SourceKind {
    let mut depth = 0usize;
    let mut at_start = true;
    let mut kind = SourceKind::Expression;
    for (token, text) in body {
        match token {
            _ if depth == 0 && at_start && *token == TOKEN_IDENT => {
                if *text == "outputs" {
                    return SourceKind::Flake;
                }
                if NIXOS_NAMES.contains(text) {
                    kind = SourceKind::Configuration;
                }
            }
            TOKEN_L_BRACE | TOKEN_L_BRACK | TOKEN_L_PAREN | TOKEN_INTERPOL_START => depth += 1,
            TOKEN_R_BRACE | TOKEN_R_BRACK | TOKEN_R_PAREN | TOKEN_INTERPOL_END => depth = depth.saturating_sub(1),
            _ => {}
        }
        at_start = depth == 0 && *token == TOKEN_SEMICOLON;
    }
    kind
}

/// The index of the token closing the bracket at `t[0]` (or the last one).
fn closing(t: &[(SyntaxKind, &str)]) -> usize {
    let mut depth = 0usize;
    for (i, (token, _)) in t.iter().enumerate() {
        match token {
            TOKEN_L_BRACE | TOKEN_L_BRACK | TOKEN_L_PAREN | TOKEN_INTERPOL_START => depth += 1,
            TOKEN_R_BRACE | TOKEN_R_BRACK | TOKEN_R_PAREN | TOKEN_INTERPOL_END => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    t.len().saturating_sub(1)
}

/// The tokens after the first `stop` outside brackets.
fn after<'a, 'b>(t: &'a [(SyntaxKind, &'b str)], stop: SyntaxKind) -> &'a [(SyntaxKind, &'b str)] {
    let mut depth = 0usize;
    for (i, (token, _)) in t.iter().enumerate() {
        match token {
            TOKEN_L_BRACE | TOKEN_L_BRACK | TOKEN_L_PAREN | TOKEN_INTERPOL_START => depth += 1,
            TOKEN_R_BRACE | TOKEN_R_BRACK | TOKEN_R_PAREN | TOKEN_INTERPOL_END => depth = depth.saturating_sub(1),
            token if depth == 0 && *token == stop => return &t[i + 1..],
            _ => {}
        }
    }
    &[]
}

/// The tokens after the `in` of the `let` at `t[0]` (nested lets counted).
fn after_let<'a, 'b>(t: &'a [(SyntaxKind, &'b str)]) -> &'a [(SyntaxKind, &'b str)] {
    let (mut depth, mut lets) = (0usize, 0usize);
    for (i, (token, _)) in t.iter().enumerate() {
        match token {
            TOKEN_L_BRACE | TOKEN_L_BRACK | TOKEN_L_PAREN | TOKEN_INTERPOL_START => depth += 1,
            TOKEN_R_BRACE | TOKEN_R_BRACK | TOKEN_R_PAREN | TOKEN_INTERPOL_END => depth = depth.saturating_sub(1),
            TOKEN_LET if depth == 0 => lets += 1,
            TOKEN_IN if depth == 0 => {
                lets -= 1;
                if lets == 0 {
                    return &t[i + 1..];
                }
            }
            _ => {}
        }
    }
    &[]
}

#[cfg(test)]
mod tests {
    use super::SourceKind::{self, *};

    #[test]
    fn flakes_configurations_and_expressions() {
        let cases: &[(&str, SourceKind)] = &[
            ("{ description = \"x\"; inputs.nixpkgs.url = \"nixpkgs\"; outputs = { self, nixpkgs }: { }; }", Flake),
            ("# a comment\n{ inputs = { }; outputs = _: { }; }", Flake),
            ("{ config, pkgs, ... }:\n{\n  imports = [ ./hardware-configuration.nix ];\n}", Configuration),
            ("{ lib, ... }: with lib; { options.x = mkOption { }; }", Configuration),
            ("{ config, lib, ... }: let cfg = config.x; in { config = lib.mkIf cfg.enable { }; }", Configuration),
            ("{ services.nginx.enable = true; }", Configuration),
            ("_: { networking.hostName = \"a\"; }", Configuration),
            ("{ pkgs ? import <nixpkgs> { } }: pkgs.hello", Expression),
            ("{ a = 1; b = { services = 2; }; }", Expression),
            ("let services = 1; in { inherit services; }", Expression),
            ("let a = let b = 1; in b; in { boot.isContainer = true; }", Configuration),
            ("1 + 2", Expression),
            ("", Expression),
            ("{ outputs = { self }: {", Flake),
            ("{ config, ... }: {\n  services.x = {", Configuration),
            ("x: y: x + y", Expression),
            ("rec { a = 1; outputs = a; }", Flake),
        ];
        for (text, kind) in cases {
            assert_eq!(SourceKind::of(text), *kind, "{text}");
        }
    }

    #[test]
    fn the_tutorial_and_examples() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
        for step in std::fs::read_dir(format!("{root}/tutorial")).unwrap() {
            let text = std::fs::read_to_string(step.unwrap().path().join("flake.nix")).unwrap();
            assert_eq!(SourceKind::of(&text), Flake);
        }
        for name in ["timer", "postgres", "static-site", "reverse-proxy-tls"] {
            let text = std::fs::read_to_string(format!("{root}/{name}.nix")).unwrap();
            assert_eq!(SourceKind::of(&text), Configuration, "{name}");
        }
    }
}
