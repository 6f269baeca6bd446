//! Real NixOS output (`nixpen_testkit::GOLDEN`: unit files and the formatted
//! `nginx.conf` that nixpkgs' own modules wrote for two configurations,
//! under CppNix) against `nixpen render` of the same module: every unit
//! file the golden folder holds and `nginx.store.conf` must be equal, store
//! paths aside. A store path is compared by its package name alone: the
//! golden outputs were made with stand-in packages of other versions, so
//! hashes and versions say nothing about the renderers.

mod common;
use common::nixpen;

use std::path::Path;

use serde_json::Value;

/// `text` with every `/nix/store/HASH-NAME-VERSION` written `/nix/store/NAME`.
fn mask_store_paths(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("/nix/store/") {
        let (before, after) = rest.split_at(at + "/nix/store/".len());
        out.push_str(before);
        let hashed = after.len() > 33
            && after.as_bytes()[32] == b'-'
            && after[..32].bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if !hashed {
            rest = after;
            continue;
        }
        let name_len = after[33..].find(|c: char| c == '/' || c == '\'' || c == '"' || c.is_whitespace());
        let name = &after[33..33 + name_len.unwrap_or(after.len() - 33)];
        out.push_str(package_name(name));
        rest = &after[33 + name.len()..];
    }
    out.push_str(rest);
    out
}

/// `coreutils-9.5` → `coreutils`, `glibc-locales-2.40-36` → `glibc-locales`:
/// the name up to the first dash followed by a digit.
fn package_name(name: &str) -> &str {
    let bytes = name.as_bytes();
    (0..bytes.len())
        .find(|&i| bytes[i] == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        .map_or(name, |i| &name[..i])
}

/// Compares one golden configuration; returns what differs.
fn check(dir: &Path) -> Vec<String> {
    let module = dir.join("module.nix");
    let (ok, out, err) = nixpen(&["render", module.to_str().unwrap(), "--json"]);
    assert!(ok, "nixpen render {} failed:\n{err}", module.display());
    let rendered: Value = serde_json::from_str(&out).unwrap();
    let mut differences = Vec::new();
    let mut compare = |what: String, golden: String, ours: Option<&str>| match ours {
        None => differences.push(format!("{what}: Nixpen renders no such file")),
        Some(ours) if mask_store_paths(ours) != mask_store_paths(&golden) => {
            differences.push(format!("{what} differs:\n--- NixOS\n{golden}\n--- Nixpen\n{ours}"))
        }
        Some(_) => {}
    };
    let mut units: Vec<_> = std::fs::read_dir(dir.join("units")).unwrap().flatten().map(|e| e.path()).collect();
    units.sort();
    assert!(!units.is_empty(), "{} holds no units", dir.display());
    for unit in units {
        let name = unit.file_name().unwrap().to_string_lossy().into_owned();
        compare(format!("units/{name}"), std::fs::read_to_string(&unit).unwrap(), rendered["units"][&name].as_str());
    }
    let conf = std::fs::read_to_string(dir.join("nginx.store.conf")).unwrap();
    compare("nginx.store.conf".into(), conf, rendered["nginx"].as_str());
    differences
}

#[test]
fn golden_nixos_outputs_are_rendered_the_same() {
    let Some(golden) = nixpen_testkit::require(&nixpen_testkit::GOLDEN) else { return };
    let mut dirs: Vec<_> = std::fs::read_dir(&golden)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("module.nix").exists())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 2, "{} holds {} configurations", golden.display(), dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        for difference in check(dir) {
            failures.push(format!("{}: {difference}", dir.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    eprintln!("golden: {} configurations render as real NixOS renders them", dirs.len());
}

#[test]
fn store_paths_are_compared_by_package_name() {
    let hash = "0123456789abcdfghijklmnpqrsvwxyz";
    assert_eq!(
        mask_store_paths(&format!(
            "ExecStart=/nix/store/{hash}-nginx-1.26.2/bin/nginx -c '/nix/store/{hash}-nginx.conf'"
        )),
        "ExecStart=/nix/store/nginx/bin/nginx -c '/nix/store/nginx.conf'"
    );
    assert_eq!(
        mask_store_paths(&format!("/nix/store/{hash}-glibc-locales-2.40-36/lib")),
        "/nix/store/glibc-locales/lib"
    );
    assert_eq!(mask_store_paths("/nix/store/short"), "/nix/store/short");
}
