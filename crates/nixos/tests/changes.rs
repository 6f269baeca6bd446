//! What an edit changes (`nixpen_nixos::diff`), on the tutorial's final
//! flake: setting `xeserv.services.gohello.domain` (as the options form
//! does, through `extendModules`) changes exactly the lines that hold the
//! domain, and the lines that name nginx.conf's store path (or the
//! script that checks it), which changes with it.

mod common;

use std::path::PathBuf;

use nixpen_nixos::diff::{render_diff, Op};
use nixpen_nixos::Rendered;

fn render(modules: &str) -> Rendered {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/tutorial/5-final");
    let expr = format!(
        "let c = (import <nixpkgs/flake> {{ src = {}; }}).nixosConfigurations.container.extendModules {{ modules = [ {modules} ]; }}; \
         r = c.config.system.build.nixpen; in {{ inherit (r) units nginx etc firewall warnings; }}",
        dir.display()
    );
    Rendered::from_json(&common::nixpen(&expr).unwrap()).unwrap()
}

#[test]
fn changing_the_domain_changes_exactly_its_lines() {
    let before = render("");
    let after = render("{ xeserv.services.gohello.domain = \"hello.example.org\"; }");
    let changes = render_diff(&before, &after);
    let mut seen = Vec::new();
    for file in &changes {
        assert!(!file.added_file && !file.removed_file, "{}", file.path);
        assert_eq!(file.added, file.removed, "{}: a line replaced by a line", file.path);
        for line in file.lines.iter().filter(|l| l.op == Op::Added) {
            let key = line.text.split([' ', '=', '\t']).find(|w| !w.is_empty()).unwrap_or("").to_owned();
            seen.push(format!("{}: {key}", file.path));
            // (The pre-start script checks nginx.conf: its path changes too.)
            let expected = ["hello.example.org", "-nginx.conf", "unit-script-nginx-pre-start"];
            assert!(expected.iter().any(|e| line.text.contains(e)), "{}: {}", file.path, line.text);
        }
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "etc/nginx/nginx.conf: server_name",
            "nginx.conf: server_name",
            "units/nginx.service: ExecReload",
            "units/nginx.service: ExecStart",
            "units/nginx.service: ExecStartPre",
        ]
    );
    let conf = changes.iter().find(|f| f.path == "nginx.conf").unwrap();
    assert!(
        conf.unified(0)
            .ends_with("-\t\tserver_name gohello.local.cetacean.club ;\n+\t\tserver_name hello.example.org ;\n"),
        "{}",
        conf.unified(0)
    );
}
