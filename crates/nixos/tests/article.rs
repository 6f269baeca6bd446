//! The article's steps (`shared/examples/article`, "Nix Flakes: Exposing
//! and using NixOS Modules") evaluated through Nixpen's nixpkgs tree
//! (`crates/nixos/nixpkgs`) must show what the article's README table says:
//! the gohello package, nginx.service and nginx.conf, port 80, hostname
//! `gohello`, the `undefined variable 'system'` error of step 3 with its
//! position, `xeserv.gohello.service` and the virtual host of step 5, and
//! the port option of step 6 with NixOS's type error for 70000.
//!
//! For now the evaluator is real Nix: `nix-instantiate` (in a private
//! chroot store under the target directory, so the shared `/nix/store` is
//! never written). Each test is skipped, visibly, when `nix-instantiate` or
//! the article's folder is missing. The facts checked do not depend on the
//! evaluator, so the same table can later run through `nixpen render`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// The folder of our nixpkgs tree (`$NIXPEN_NIXPKGS_DIR` overrides it, to
/// try another tree such as one with the reference lib).
fn nixpkgs_dir() -> PathBuf {
    match std::env::var("NIXPEN_NIXPKGS_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("nixpkgs"),
    }
}

/// The folder holding the article's steps: `$NIXPEN_ARTICLE_DIR`, else
/// `shared/examples/article` next to the repository.
fn article_dir() -> PathBuf {
    match std::env::var("NIXPEN_ARTICLE_DIR") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/article"),
    }
}

/// Whether the tests can run here; prints why not when they cannot.
fn can_run() -> bool {
    if Command::new("nix-instantiate").arg("--version").output().is_err() {
        eprintln!("skipped: nix-instantiate not found");
        return false;
    }
    if !article_dir().join("5-final/flake.nix").exists() {
        eprintln!("skipped: the article's steps are not at {}", article_dir().display());
        return false;
    }
    true
}

/// The path of one step's folder, as a Nix path literal.
fn step(name: &str) -> String {
    let dir = article_dir().join(name);
    let dir = dir.canonicalize().unwrap_or(dir);
    dir.display().to_string()
}

/// `nix-instantiate --eval --strict --json` of `expr` with `nixpkgs` on
/// the search path: stdout on success, stderr on failure.
fn eval(expr: &str) -> Result<String, String> {
    // One nix-instantiate at a time: they share the chroot store's database.
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let store = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("nixpen-nixos-tests/store");
    std::fs::create_dir_all(&store).unwrap();
    let out = Command::new("nix-instantiate")
        .arg("--store")
        .arg(&store)
        .args(["--eval", "--read-write-mode", "--strict", "--json", "-I"])
        .arg(format!("nixpkgs={}", nixpkgs_dir().display()))
        .args(["--expr", expr])
        .output()
        .expect("running nix-instantiate");
    if out.status.success() {
        Ok(String::from_utf8(out.stdout).unwrap())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The flake of one step.
fn flake(name: &str) -> String {
    format!("(import <nixpkgs/flake> {{ src = {}; }})", step(name))
}

/// The `container` configuration of one step, extended with `modules`
/// (Nix source of a list) when given.
fn container(name: &str, modules: Option<&str>) -> String {
    let base = format!("{}.nixosConfigurations.container", flake(name));
    match modules {
        None => base,
        Some(list) => format!("({base}.extendModules {{ modules = {list}; }})"),
    }
}

/// What Nixpen shows of a configuration: `config.system.build.nixpen`.
struct Rendered {
    units: BTreeMap<String, String>,
    nginx: Option<String>,
    etc: BTreeMap<String, String>,
    tcp_ports: Vec<f64>,
    scripts: BTreeMap<String, String>,
}

/// Renders one step (optionally with extra modules) or returns Nix's error.
fn render(name: &str, modules: Option<&str>) -> Result<Rendered, String> {
    let json = eval(&format!("{}.config.system.build.nixpen", container(name, modules)))?;
    let value = Json::parse(&json);
    let strings = |v: &Json| -> BTreeMap<String, String> {
        v.object().iter().map(|(k, v)| (k.clone(), v.string().to_string())).collect()
    };
    Ok(Rendered {
        units: strings(value.get("units")),
        nginx: match value.get("nginx") {
            Json::Null => None,
            v => Some(v.string().to_string()),
        },
        etc: strings(value.get("etc")),
        tcp_ports: value.get("firewall").get("allowedTCPPorts").array().iter().map(Json::number).collect(),
        scripts: strings(value.get("scripts")),
    })
}

/// Checks what steps 1, 2 and 4 share: nginx with the default
/// configuration, port 80, hostname gohello, and no gohello service.
fn assert_container_basics(r: &Rendered) {
    assert_eq!(r.units.keys().collect::<Vec<_>>(), ["firewall.service", "nginx.service"]);
    assert_port_80_open(r);
    let unit = &r.units["nginx.service"];
    for line in [
        "[Unit]\nAfter=network.target\nDescription=Nginx Web Server\nStartLimitIntervalSec=60\n\n[Service]\n",
        "X-StopIfChanged=false\n",
        "Restart=always\n",
        "User=nginx\n",
        "Group=nginx\n",
        "\n[Install]\nWantedBy=multi-user.target\n",
    ] {
        assert!(unit.contains(line), "nginx.service lacks {line:?}:\n{unit}");
    }
    assert!(unit.lines().any(|l| l.starts_with("ExecStart=/nix/store/") && l.contains("-nginx-") && l.contains("/bin/nginx -c '/nix/store/") && l.ends_with("-nginx.conf'")), "{unit}");
    assert!(unit.lines().any(|l| l.starts_with("ExecStartPre=/nix/store/") && l.ends_with("-unit-script-nginx-pre-start/bin/nginx-pre-start")), "{unit}");
    let conf = r.nginx.as_deref().expect("nginx.conf");
    assert!(conf.starts_with("pid /run/nginx/nginx.pid;\nerror_log stderr;\ndaemon off;\nevents {\n}\nhttp {\n"), "{conf}");
    assert!(conf.contains("\tclient_max_body_size 10m;\n\tserver_tokens off;\n"), "{conf}");
    assert!(conf.ends_with("}\n"), "{conf}");
    assert!(!conf.contains("gohello"), "{conf}");
    assert_eq!(r.etc.get("hostname").map(String::as_str), Some("gohello\n"));
}

/// Checks that the firewall lets TCP port 80 in: in the firewall's ports
/// and as a rule of the start script firewall.service runs.
fn assert_port_80_open(r: &Rendered) {
    assert_eq!(r.tcp_ports, [80.0]);
    let unit = &r.units["firewall.service"];
    let start = unit
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart=@"))
        .and_then(|l| l.strip_suffix(" firewall-start"))
        .unwrap_or_else(|| panic!("no ExecStart in {unit}"));
    let script = &r.scripts[start];
    assert!(script.contains("\nip46tables -A nixos-fw -p tcp --dport 80 -j nixos-fw-accept \n"), "{script}");
    assert_eq!(script.matches("--dport 80 ").count(), 1, "{script}");
}

#[test]
fn step0_gohello_has_a_package_and_no_nixos_configuration() {
    if !can_run() {
        return;
    }
    let f = flake("0-gohello");
    let name = eval(&format!("{f}.packages.x86_64-linux.default.name")).unwrap();
    let name = Json::parse(&name);
    assert!(name.string().starts_with("web-server-"), "{}", name.string());
    let kind = eval(&format!("{f}.packages.x86_64-linux.default.type")).unwrap();
    assert_eq!(kind.trim(), "\"derivation\"");
    let out_path = Json::parse(&eval(&format!("{f}.packages.x86_64-linux.default.outPath")).unwrap());
    assert!(out_path.string().starts_with("/nix/store/") && out_path.string().contains("-web-server-"));
    let app = Json::parse(&eval(&format!("{f}.apps.x86_64-linux.default")).unwrap());
    assert_eq!(app.get("type").string(), "app");
    assert!(app.get("program").string().ends_with("/bin/web-server"));
    let systems = eval(&format!("builtins.attrNames {f}.packages")).unwrap();
    assert_eq!(systems.trim(), r#"["aarch64-darwin","aarch64-linux","x86_64-darwin","x86_64-linux"]"#);
    assert_eq!(eval(&format!("{f} ? nixosConfigurations")).unwrap().trim(), "false");
}

#[test]
fn step1_container_runs_nginx_with_port_80_open() {
    if !can_run() {
        return;
    }
    assert_container_basics(&render("1-container", None).unwrap());
}

#[test]
fn step2_module_template_declares_the_enable_option() {
    if !can_run() {
        return;
    }
    assert_container_basics(&render("2-module-template", None).unwrap());
    // The module is not imported yet: its options come from the
    // configuration extended with the flake's module, as the form shows them.
    let with_module = container("2-module-template", Some(&format!("[ {}.nixosModule ]", flake("2-module-template"))));
    let option = format!("{with_module}.options.xeserv.services.gohello.enable");
    assert_eq!(eval(&format!("{option}.type.name")).unwrap().trim(), "\"bool\"");
    assert_eq!(eval(&format!("{option}.default")).unwrap().trim(), "false");
    assert_eq!(eval(&format!("{option}.value")).unwrap().trim(), "false");
    let warnings = eval(&format!("(import <nixpkgs/flake/check.nix> {{ src = {}; }}).warnings", step("2-module-template"))).unwrap();
    assert_eq!(warnings.trim(), r#"["flake output attribute 'nixosModule' is deprecated; use 'nixosModules.default' instead"]"#);
}

#[test]
fn step3_typo_is_an_undefined_variable_at_its_position() {
    if !can_run() {
        return;
    }
    let err = render("3-systemd-typo", None).err().expect("step 3 must fail");
    assert!(err.contains("error: undefined variable 'system'"), "{err}");
    assert!(err.contains("3-systemd-typo/flake.nix:45:59"), "{err}");
}

#[test]
fn step4_fixed_module_changes_nothing_until_imported() {
    if !can_run() {
        return;
    }
    assert_container_basics(&render("4-systemd", None).unwrap());
}

#[test]
fn step5_final_adds_the_service_and_the_virtual_host() {
    if !can_run() {
        return;
    }
    let r = render("5-final", None).unwrap();
    assert_eq!(r.units.keys().collect::<Vec<_>>(), ["firewall.service", "nginx.service", "xeserv.gohello.service"]);
    assert_port_80_open(&r);
    let unit = &r.units["xeserv.gohello.service"];
    assert!(unit.starts_with("[Unit]\n\n[Service]\nEnvironment=\"LOCALE_ARCHIVE=/nix/store/"), "{unit}");
    let tail = unit.split_once("Environment=\"TZDIR=").expect("TZDIR").1.split_once('\n').unwrap().1;
    let lines: Vec<&str> = tail.lines().collect();
    assert_eq!(lines.len(), 12, "{unit}");
    assert_eq!(&lines[..3], ["CacheDirectory=xeserv.gohello", "CacheDirectoryMode=0750", "DynamicUser=yes"]);
    assert!(lines[3].starts_with("ExecStart=/nix/store/") && lines[3].ends_with("/bin/web-server") && lines[3].contains("-web-server-"), "{unit}");
    assert_eq!(
        &lines[4..],
        [
            "Restart=on-failure",
            "RuntimeDirectory=xeserv.gohello",
            "RuntimeDirectoryMode=0755",
            "StateDirectory=xeserv.gohello",
            "StateDirectoryMode=0700",
            "",
            "[Install]",
            "WantedBy=multi-user.target",
        ]
    );
    let conf = r.nginx.as_deref().unwrap();
    let server = "\tserver {\n\t\tlisten 0.0.0.0:80 ;\n\t\tlisten [::0]:80 ;\n\t\tserver_name gohello.local.cetacean.club ;\n\t\tlocation / {\n\t\t\tproxy_pass http://127.0.0.1:3031;\n\t\t}\n\t}\n}\n";
    assert!(conf.ends_with(server), "{conf}");
    assert_eq!(r.etc.get("hostname").map(String::as_str), Some("gohello\n"));

    // Toggling `enable` off removes both.
    let off = render("5-final", Some("[ { xeserv.services.gohello.enable = (import <nixpkgs/lib>).mkForce false; } ]")).unwrap();
    assert_container_basics(&off);
}

#[test]
fn step6_port_option_drives_exec_start_and_proxy_pass() {
    if !can_run() {
        return;
    }
    let option = format!("{}.options.xeserv.services.gohello.port", container("6-exercise-port", None));
    assert_eq!(eval(&format!("{option}.default")).unwrap().trim(), "3031");
    assert_eq!(eval(&format!("{option}.type.name")).unwrap().trim(), "\"unsignedInt16\"");

    let r = render("6-exercise-port", None).unwrap();
    let unit = &r.units["xeserv.gohello.service"];
    assert!(unit.lines().any(|l| l.starts_with("ExecStart=/nix/store/") && l.ends_with("/bin/web-server --bind 127.0.0.1:3031")), "{unit}");
    assert!(r.nginx.as_deref().unwrap().contains("\t\t\tproxy_pass http://127.0.0.1:3031;\n"));

    let r = render("6-exercise-port", Some("[ { xeserv.services.gohello.port = 8080; } ]")).unwrap();
    let unit = &r.units["xeserv.gohello.service"];
    assert!(unit.lines().any(|l| l.starts_with("ExecStart=/nix/store/") && l.ends_with("/bin/web-server --bind 127.0.0.1:8080")), "{unit}");
    let conf = r.nginx.as_deref().unwrap();
    assert!(conf.contains("\t\t\tproxy_pass http://127.0.0.1:8080;\n") && !conf.contains("3031"), "{conf}");

    let err = render("6-exercise-port", Some("[ { xeserv.services.gohello.port = 70000; } ]")).err().expect("70000 must be rejected");
    assert!(
        err.contains("A definition for option `xeserv.services.gohello.port' is not of type `16 bit unsigned integer; between 0 and 65535 (both inclusive)'. Definition values:"),
        "{err}"
    );
    assert!(err.contains(": 70000"), "{err}");
}

#[test]
fn unknown_options_fail_with_a_note_on_the_modelled_subset() {
    if !can_run() {
        return;
    }
    let err = render("1-container", Some("[ { services.nonexistent.enable = true; } ]")).err().expect("must fail");
    assert!(err.contains("The option `services.nonexistent' does not exist."), "{err}");
    assert!(err.contains("docs/supported-options.md"), "{err}");
}

/// A JSON value, enough to read what `nix-instantiate --json` prints.
#[derive(Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

impl Json {
    /// Parses one JSON document (panics on malformed input: a test failure).
    fn parse(text: &str) -> Json {
        let mut chars = text.trim().chars().peekable();
        let value = Self::value(&mut chars);
        assert!(chars.next().is_none(), "trailing text after JSON value");
        value
    }

    fn value(it: &mut std::iter::Peekable<std::str::Chars>) -> Json {
        while it.peek().is_some_and(|c| c.is_whitespace()) {
            it.next();
        }
        match it.peek().copied() {
            Some('{') => {
                it.next();
                let mut map = BTreeMap::new();
                loop {
                    Self::skip_ws(it);
                    match it.next() {
                        Some('}') => break,
                        Some(',') => continue,
                        Some('"') => {
                            let key = Self::string_body(it);
                            Self::skip_ws(it);
                            assert_eq!(it.next(), Some(':'));
                            map.insert(key, Self::value(it));
                        }
                        other => panic!("unexpected {other:?} in object"),
                    }
                }
                Json::Object(map)
            }
            Some('[') => {
                it.next();
                let mut items = Vec::new();
                loop {
                    Self::skip_ws(it);
                    match it.peek() {
                        Some(']') => {
                            it.next();
                            break;
                        }
                        Some(',') => {
                            it.next();
                        }
                        _ => items.push(Self::value(it)),
                    }
                }
                Json::Array(items)
            }
            Some('"') => {
                it.next();
                Json::String(Self::string_body(it))
            }
            Some(_) => {
                let mut word = String::new();
                while let Some(&c) = it.peek() {
                    if c == ',' || c == ']' || c == '}' || c.is_whitespace() {
                        break;
                    }
                    word.push(c);
                    it.next();
                }
                match word.as_str() {
                    "null" => Json::Null,
                    "true" => Json::Bool(true),
                    "false" => Json::Bool(false),
                    number => Json::Number(number.parse().unwrap_or_else(|_| panic!("bad JSON word {number}"))),
                }
            }
            None => panic!("unexpected end of JSON"),
        }
    }

    fn skip_ws(it: &mut std::iter::Peekable<std::str::Chars>) {
        while it.peek().is_some_and(|c| c.is_whitespace()) {
            it.next();
        }
    }

    /// The rest of a string literal whose opening quote was read.
    fn string_body(it: &mut std::iter::Peekable<std::str::Chars>) -> String {
        let mut s = String::new();
        loop {
            match it.next().expect("unterminated JSON string") {
                '"' => return s,
                '\\' => match it.next().expect("bad escape") {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    'b' => s.push('\u{8}'),
                    'f' => s.push('\u{c}'),
                    'u' => {
                        let hex: String = (0..4).map(|_| it.next().unwrap()).collect();
                        let code = u32::from_str_radix(&hex, 16).unwrap();
                        s.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    other => s.push(other),
                },
                c => s.push(c),
            }
        }
    }

    fn get(&self, key: &str) -> &Json {
        match self {
            Json::Object(map) => map.get(key).unwrap_or_else(|| panic!("no key {key}")),
            other => panic!("not an object: {other:?}"),
        }
    }

    fn object(&self) -> &BTreeMap<String, Json> {
        match self {
            Json::Object(map) => map,
            other => panic!("not an object: {other:?}"),
        }
    }

    fn array(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            other => panic!("not an array: {other:?}"),
        }
    }

    fn string(&self) -> &str {
        match self {
            Json::String(s) => s,
            other => panic!("not a string: {other:?}"),
        }
    }

    fn number(&self) -> f64 {
        match self {
            Json::Number(n) => *n,
            other => panic!("not a number: {other:?}"),
        }
    }
}
