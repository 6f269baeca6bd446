//! Where rendered lines come from (`system.build.nixpenLines`, explained by
//! `lib.nixpen.explain.outputs`), checked on the examples and the
//! tutorial's final flake, under Nixpen and CppNix (`common::eval`, which
//! must agree): every file of the render has one origin per line, its text
//! is the rendered file's, each line names options or says NixOS writes it,
//! and every option named is one the configuration declares.

mod common;

use common::{eval, parse_json, Json, JsonExt};

use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `outputs` and the render of the configuration `c` (a Nix expression).
fn sources(configuration: &str) -> (Json, Json) {
    let expr = format!(
        "let c = {configuration}; r = c.config.system.build.nixpen; in {{ \
         rendered = {{ inherit (r) units nginx etc; }}; \
         sources = (import <nixpkgs/lib>).nixpen.explain.outputs {{ inherit (c) options; \
         lines = c.config.system.build.nixpenLines; texts = true; }}; }}"
    );
    let v = parse_json(&eval(&expr).unwrap_or_else(|e| panic!("{e}")));
    (v.at("rendered").clone(), v.at("sources").clone())
}

/// Checks the invariants on one configuration; returns the sources.
fn check(name: &str, configuration: &str) -> Json {
    let (rendered, sources) = sources(configuration);
    let mut expected: Vec<(String, String)> = Vec::new();
    for (unit, text) in rendered.at("units").object() {
        expected.push((format!("units/{unit}"), text.string().to_owned()));
    }
    if let Some(conf) = rendered.at("nginx").as_str() {
        expected.push(("nginx.conf".into(), conf.to_owned()));
    }
    for (path, text) in rendered.at("etc").object() {
        expected.push((format!("etc/{path}"), text.string().to_owned()));
    }
    let files = sources.at("files").object();
    let texts = sources.at("texts").object();
    let options = sources.at("options").object();
    assert_eq!(files.len(), expected.len(), "{name}: files {:?}", files.keys().collect::<Vec<_>>());
    for (file, text) in &expected {
        assert_eq!(texts[file].string(), text, "{name}: {file} is not the rendered text");
        let lines = files[file].array();
        assert_eq!(lines.len(), text.lines().count(), "{name}: {file} has one origin per line");
        for (n, line) in lines.iter().enumerate() {
            let named = line.at("options").array();
            assert!(!named.is_empty() || !line.at("note").is_null(), "{name}: {file}:{} has no origin", n + 1);
            for option in named {
                let e = &options[option.string()];
                assert_ne!(e.at("kind").string(), "unknown", "{name}: {file}:{} names {option}", n + 1);
            }
        }
    }
    sources
}

#[test]
fn every_line_of_the_examples_knows_its_options() {
    for example in ["static-site", "reverse-proxy-tls", "postgres", "timer"] {
        let path = repo().join(format!("examples/{example}.nix"));
        check(example, &format!("(import <nixpkgs/nixos> {{ configuration = {}; }})", path.display()));
    }
}

#[test]
fn the_final_flake_names_its_own_lines() {
    let dir = repo().join("examples/tutorial/5-final");
    let c = format!("(import <nixpkgs/flake> {{ src = {}; }}).nixosConfigurations.container", dir.display());
    let sources = check("5-final", &c);
    let unit = sources.at("files").at("units/xeserv.gohello.service").array();
    let text = sources.at("texts").at("units/xeserv.gohello.service").string();
    let restart = text.lines().position(|l| l == "Restart=on-failure").unwrap();
    let option = "systemd.services.\"xeserv.gohello\".serviceConfig.Restart";
    assert_eq!(unit[restart].at("options").array(), [Json::from(option)]);
    let e = sources.at("options").at(option);
    let won: Vec<&Json> = e.at("definitions").array().iter().filter(|d| d.at("won") == &Json::Bool(true)).collect();
    assert_eq!(won.len(), 1);
    assert!(won[0].at("file").string().ends_with("5-final/flake.nix"), "{e}");
    assert_eq!(won[0].at("line").number(), 68.0);
}

/// A render with the tree as the browser first has it (without the files
/// of `nixpen_nixos::extra`, which hold the explaining code, and modules
/// such as fstab's): the same units and nginx.conf as with the whole tree,
/// so a render never reads line origins. The units of ACME certificates
/// are the exception: their module is an extra file, so they are left out
/// of the comparison (nginx's own references to them are not).
#[test]
fn a_render_needs_none_of_the_explaining_files() {
    use std::sync::Arc;

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("nixos-first-tree-{}", std::process::id()));
    nixpen_nixos::embedded::dump(&dir).unwrap();
    for file in nixpen_nixos::extra::FILES {
        std::fs::remove_file(dir.join(file)).unwrap();
    }
    let render = |c: &str| {
        let expr = format!(
            "let r = {c}.config.system.build.nixpen; acme = builtins.filter (n: builtins.substring 0 5 n == \"acme-\") \
             (builtins.attrNames r.units); in {{ units = removeAttrs r.units acme; inherit (r) nginx; }}"
        );
        let mut config = nixpen_eval::EvalConfig::new(Arc::new(nixpen_eval::RealFs::new()));
        config
            .search_path
            .push(nixpen_eval::SearchPathEntry { prefix: "nixpkgs".into(), path: dir.display().to_string() });
        let request = nixpen_eval::Request {
            input: nixpen_eval::Input::Expr { text: expr.clone() },
            attr: None,
            auto_args: Vec::new(),
            strict: true,
            format: nixpen_eval::OutputFormat::Json,
        };
        let first =
            nixpen_eval::Evaluator::new(config).eval(&request).result.unwrap_or_else(|e| panic!("{}", e.rendered));
        assert_eq!(parse_json(&first), parse_json(&common::nixpen(&expr).unwrap()), "{c}");
    };
    let flake = repo().join("examples/tutorial/5-final");
    render(&format!("(import <nixpkgs/flake> {{ src = {}; }}).nixosConfigurations.container", flake.display()));
    for example in ["reverse-proxy-tls", "timer"] {
        let path = repo().join(format!("examples/{example}.nix"));
        render(&format!("(import <nixpkgs/nixos> {{ configuration = {}; }})", path.display()));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
