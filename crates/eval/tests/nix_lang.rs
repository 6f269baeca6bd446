//! Conformance runner over Nix's own language tests (`nixpen_testkit::NIX_LANG`:
//! `../shared/conformance/nix-lang`; missing data fails the test, see the testkit).
//!
//! Prints pass counts per kind, fails on any regression against
//! `nix_lang_expected.txt`, prints newly passing tests. `NIXPEN_BLESS=1`
//! rewrites the expected list.

/// The programs' allocator, so that evaluations here use its chunks as they do there.
#[global_allocator]
static ALLOCATOR: nixpen_alloc::NixpenAlloc = nixpen_alloc::NixpenAlloc;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use nixpen_eval::*;

fn read(p: &Path) -> Option<String> {
    std::fs::read(p).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// The symlinks of the suite (the shared copy stores them as files holding the target).
const SYMLINKS: &[&str] =
    &["readDir/ldir", "readDir/linked", "symlink-resolution/foo/overlays", "symlink-resolution/broken"];

fn load_tree(fs: &MemoryFs, real: &Path, at: &str, rel: &str) {
    for e in std::fs::read_dir(real).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let rel2 = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        let path = format!("{at}/{name}");
        if e.file_type().unwrap().is_dir() {
            fs.add_dir(&path);
            load_tree(fs, &e.path(), &path, &rel2);
        } else {
            let data = std::fs::read(e.path()).unwrap();
            if SYMLINKS.contains(&rel2.as_str()) {
                fs.add_symlink(&path, String::from_utf8_lossy(&data).trim_end());
            } else {
                fs.add_file(&path, data);
            }
        }
    }
}

fn suite_fs(dir: &Path) -> Arc<MemoryFs> {
    static FS: std::sync::OnceLock<Arc<MemoryFs>> = std::sync::OnceLock::new();
    FS.get_or_init(|| {
        let fs = MemoryFs::new();
        load_tree(&fs, dir, "/pwd/lang", "");
        fs.add_dir("/fake-home");
        Arc::new(fs)
    })
    .clone()
}

fn base_config(dir: &Path) -> EvalConfig {
    let mut cfg = EvalConfig::new(suite_fs(dir));
    cfg.cwd = "/pwd".into();
    cfg.env = Some(
        [("TEST_VAR", "foo"), ("IMPURE_VAR1", "foo"), ("IMPURE_VAR2", "bar"), ("NIX_STORE_DIR", "/nix/store")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    );
    cfg.show_trace = true;
    cfg.limits.max_steps = 20_000_000;
    cfg.limits.max_memory_bytes = 1 << 30;
    cfg.limits.max_stack_bytes = 64 << 20;
    cfg
}

/// Applies command-line flags; returns false if a flag is unsupported.
fn apply_flags(words: &[String], cfg: &mut EvalConfig, req: &mut Request) -> Result<(), String> {
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let next = |i: usize| words.get(i + 1).cloned().unwrap_or_default();
        match w {
            "--eval" | "--impure" => {}
            "--strict" => req.strict = true,
            "--show-trace" => cfg.show_trace = true,
            "--no-show-trace" => cfg.show_trace = false,
            "--xml" => req.format = OutputFormat::Xml { location: true },
            "--no-location" => req.format = OutputFormat::Xml { location: false },
            "--json" => req.format = OutputFormat::Json,
            "-I" => {
                cfg.search_path.push(SearchPathEntry::parse(&next(i)));
                i += 1;
            }
            "-A" => {
                req.attr = Some(next(i));
                i += 1;
            }
            "--arg" => {
                req.auto_args.push((next(i), AutoArg::Expr(words.get(i + 2).cloned().unwrap_or_default())));
                i += 2;
            }
            "--argstr" => {
                req.auto_args.push((next(i), AutoArg::Str(words.get(i + 2).cloned().unwrap_or_default())));
                i += 2;
            }
            "--max-call-depth" => {
                cfg.limits.max_depth = next(i).parse().unwrap_or(10000);
                i += 1;
            }
            "--extra-experimental-features" => i += 1,
            w if w.starts_with("--lint-") => {
                cfg.lints.set(&w[2..], &next(i))?;
                i += 1;
            }
            w => return Err(format!("unsupported flag {w}")),
        }
        i += 1;
    }
    Ok(())
}

fn flag_words(text: &str, first_line_only: bool) -> Vec<String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if first_line_only && n > 0 {
            break;
        }
        let line = line.split('#').next().unwrap_or("");
        out.extend(line.split_whitespace().map(String::from));
    }
    out
}

struct Counts {
    total: usize,
    pass: usize,
}

#[test]
fn nix_lang_conformance() {
    let Some(dir) = nixpen_testkit::require(&nixpen_testkit::NIX_LANG) else { return };
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let expected_path = here.join("nix_lang_expected.txt");
    let expected: BTreeSet<String> = read(&expected_path)
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let excluded: BTreeMap<String, String> = read(&here.join("nix_lang_excluded.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('#') {
            Some((n, r)) => (n.trim().to_string(), r.trim().to_string()),
            None => (l.trim().to_string(), String::new()),
        })
        .collect();
    let only = std::env::var("NIXPEN_ONLY").ok();

    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".nix") && (n.starts_with("eval-") || n.starts_with("parse-")))
        .map(|n| n.trim_end_matches(".nix").to_string())
        .collect();
    names.sort();

    let mut counts: BTreeMap<&'static str, Counts> = BTreeMap::new();
    let mut passed = BTreeSet::new();
    let mut exact_err = 0usize;
    let mut failures: Vec<(String, String)> = Vec::new();
    let mut ev = Evaluator::new(base_config(&dir));

    for name in &names {
        if excluded.contains_key(name) || dir.join(format!("{name}.exp-disabled")).exists() {
            continue;
        }
        if let Some(o) = &only {
            if !name.contains(o.as_str()) {
                continue;
            }
        }
        let kind: &'static str = if name.starts_with("parse-okay") {
            "parse-okay"
        } else if name.starts_with("parse-fail") {
            "parse-fail"
        } else if name.starts_with("eval-okay") {
            "eval-okay"
        } else {
            "eval-fail"
        };
        let file = dir.join(format!("{name}.nix"));
        let text = read(&file).unwrap_or_default();
        let mut cfg = base_config(&dir);
        let ok: Result<(), String> = match kind {
            "parse-okay" | "parse-fail" => {
                *ev.config_mut() = cfg;
                let r = ev.check_syntax("«stdin»", &text);
                match (kind, r) {
                    ("parse-okay", Ok(())) => Ok(()),
                    ("parse-okay", Err(e)) => Err(e.rendered),
                    (_, Err(_)) => Ok(()),
                    (_, Ok(())) => Err("parsed but should fail".into()),
                }
            }
            _ => {
                let xml = dir.join(format!("{name}.exp.xml")).exists();
                let mut req = Request {
                    input: Input::File(format!("lang/{name}.nix")),
                    attr: None,
                    auto_args: Vec::new(),
                    strict: true,
                    format: OutputFormat::Nix,
                };
                let flags = read(&dir.join(format!("{name}.flags")));
                let mut words = Vec::new();
                if kind == "eval-okay" {
                    if xml {
                        req.format = OutputFormat::Xml { location: false };
                    } else {
                        cfg.search_path =
                            vec![SearchPathEntry::parse("lang/dir3"), SearchPathEntry::parse("lang/dir4")];
                        cfg.home = Some("/fake-home".into());
                        if let Some(f) = &flags {
                            words = flag_words(f, true);
                        }
                    }
                } else if let Some(f) = &flags {
                    req.strict = false;
                    cfg.show_trace = false;
                    words = flag_words(f, false);
                }
                // -I entries come first, then NIX_PATH.
                let nix_path = std::mem::take(&mut cfg.search_path);
                let r = apply_flags(&words, &mut cfg, &mut req);
                cfg.search_path.extend(nix_path);
                match r {
                    Err(m) => Err(m),
                    Ok(()) => {
                        *ev.config_mut() = cfg;
                        let out = ev.eval(&req);
                        let stderr: String = out.messages.iter().map(|m| format!("{m}\n")).collect();
                        if kind == "eval-okay" {
                            match out.result {
                                Ok(s) => {
                                    let exp_file = if xml { format!("{name}.exp.xml") } else { format!("{name}.exp") };
                                    let exp = read(&dir.join(exp_file)).unwrap_or_default();
                                    let got = format!("{s}\n");
                                    let exp_err = read(&dir.join(format!("{name}.err.exp"))).unwrap_or_default();
                                    if got != exp {
                                        Err(format!(
                                            "stdout differs:\n  got: {}\n  exp: {}",
                                            got.trim_end(),
                                            exp.trim_end()
                                        ))
                                    } else if !xml && stderr != exp_err {
                                        Err(format!(
                                            "stderr differs:\n  got: {}\n  exp: {}",
                                            stderr.trim_end(),
                                            exp_err.trim_end()
                                        ))
                                    } else {
                                        Ok(())
                                    }
                                }
                                Err(e) => Err(e.rendered),
                            }
                        } else {
                            match out.result {
                                Ok(s) => Err(format!("evaluated to {} but should fail", clip(&s))),
                                Err(e) => {
                                    let exp = read(&dir.join(format!("{name}.err.exp"))).unwrap_or_default();
                                    let got = format!("{stderr}{}\n", e.rendered);
                                    if got == exp {
                                        exact_err += 1;
                                    } else if std::env::var("NIXPEN_ERRDIFF").is_ok() {
                                        eprintln!("=== {name}\n--- got\n{got}--- exp\n{exp}");
                                    }
                                    Ok(())
                                }
                            }
                        }
                    }
                }
            }
        };
        let c = counts.entry(kind).or_insert(Counts { total: 0, pass: 0 });
        c.total += 1;
        match ok {
            Ok(()) => {
                c.pass += 1;
                passed.insert(name.clone());
            }
            Err(m) => failures.push((name.clone(), m)),
        }
    }

    if std::env::var("NIXPEN_VERBOSE").is_ok() {
        for (n, m) in &failures {
            eprintln!("FAIL {n}: {}", m.lines().take(12).collect::<Vec<_>>().join("\n    "));
        }
    }
    for (k, c) in &counts {
        eprintln!("{k}: {}/{} pass", c.pass, c.total);
    }
    eprintln!("eval-fail with exactly matching error text: {exact_err}");
    if only.is_some() {
        return;
    }
    let newly: Vec<&String> = passed.difference(&expected).collect();
    if !newly.is_empty() {
        eprintln!(
            "newly passing ({}): {}",
            newly.len(),
            newly.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
        );
    }
    if std::env::var("NIXPEN_BLESS").is_ok() {
        let text: String = passed.iter().map(|n| format!("{n}\n")).collect();
        std::fs::write(&expected_path, text).unwrap();
        return;
    }
    let regressions: Vec<&String> = expected.difference(&passed).collect();
    for r in &regressions {
        if let Some((_, m)) = failures.iter().find(|f| &f.0 == *r) {
            eprintln!("REGRESSION {r}: {m}");
        }
    }
    assert!(regressions.is_empty(), "{} expected passes now fail", regressions.len());
}

/// At most 300 characters of `text`, so a failure report stays readable.
fn clip(text: &str) -> String {
    match text.char_indices().nth(300) {
        Some((cut, _)) => format!("{}… ({} bytes in all)", &text[..cut], text.len()),
        None => text.to_string(),
    }
}
