//! The configurations in `examples/`, rendered through Nixpen's own evaluator
//! (`nixpen render FILE --json`, the embedded nixpkgs tree), must show what
//! NixOS would produce for them: the units with their key lines, nginx.conf's
//! server blocks, the firewall's ports, /etc files, and NixOS' assertion
//! messages when a configuration is wrong. Also: NixOS' stateVersion warning
//! is printed once per evaluation.
//!
//! The tutorial's steps are checked in `article_render.rs`; that CppNix gives
//! the same JSON for the same files is checked in `render_differential.rs`.

mod common;
use common::nixpen;

use std::path::PathBuf;

use serde_json::Value;

fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples").canonicalize().unwrap()
}

/// `nixpen render examples/NAME --json`, parsed.
fn render(name: &str) -> Value {
    let path = examples_dir().join(name);
    let (ok, out, err) = nixpen(&["render", path.to_str().unwrap(), "--json"]);
    assert!(ok, "render {name} failed:\n{err}");
    serde_json::from_str(&out).unwrap()
}

/// The rendering of a configuration written as a Nix expression, or the error text.
fn render_module(module: &str) -> Result<Value, String> {
    let expr = format!("(import <nixpkgs/nixos> {{ configuration = {module}; }}).config.system.build.nixpen");
    let (ok, out, err) = nixpen(&["eval", "--strict", "--json", "--expr", &expr]);
    if ok {
        Ok(serde_json::from_str(&out).unwrap())
    } else {
        Err(err)
    }
}

/// The text of unit `name`; fails naming the units there are.
fn unit<'a>(r: &'a Value, name: &str) -> &'a str {
    r["units"][name]
        .as_str()
        .unwrap_or_else(|| panic!("no {name}; units: {:?}", r["units"].as_object().unwrap().keys().collect::<Vec<_>>()))
}

/// The one line of `text` starting with `key=`.
fn line<'a>(text: &'a str, key: &str) -> &'a str {
    let found: Vec<&str> = text.lines().filter(|l| l.starts_with(&format!("{key}="))).collect();
    assert_eq!(found.len(), 1, "{key}= lines in\n{text}");
    found[0]
}

fn assert_lines(text: &str, lines: &[&str]) {
    for l in lines {
        assert!(text.lines().any(|x| x == *l), "missing line {l:?} in\n{text}");
    }
}

/// The text of the generated script whose store path contains `name`.
fn script<'a>(r: &'a Value, name: &str) -> &'a str {
    let scripts = r["scripts"].as_object().unwrap();
    let (_, text) = scripts
        .iter()
        .find(|(path, _)| path.contains(name))
        .unwrap_or_else(|| panic!("no script {name}: {:?}", scripts.keys()));
    text.as_str().unwrap()
}

#[test]
fn every_example_renders_without_warnings() {
    let mut files: Vec<String> = std::fs::read_dir(examples_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".nix"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    for f in &files {
        let path = examples_dir().join(f);
        let (ok, out, err) = nixpen(&["render", path.to_str().unwrap(), "--json"]);
        assert!(ok, "{f}: {err}");
        // Every example sets system.stateVersion: nothing on stderr.
        assert_eq!(err.trim(), "", "{f} printed messages");
        let r: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(r["warnings"], serde_json::json!([]), "{f}");
        assert!(r["etc"]["hostname"].as_str().is_some_and(|h| h.ends_with('\n')), "{f}: {}", r["etc"]);
    }
    eprintln!("{} examples rendered", files.len());
}

#[test]
fn postgres_example_has_server_setup_and_target_units() {
    let r = render("postgres.nix");
    let server = unit(&r, "postgresql.service");
    assert!(line(server, "ExecStart").starts_with("ExecStart=/nix/store/"));
    // NixOS runs the server from its environment with the extensions (none here).
    assert!(line(server, "ExecStart").ends_with("-postgresql-and-plugins-16.11/bin/postgres"), "{server}");
    assert!(line(server, "ExecStartPre").contains("-unit-script-postgresql-pre-start/bin/postgresql-pre-start"));
    assert_lines(
        server,
        &[
            "Description=PostgreSQL Server",
            "After=network.target",
            "Wants=postgresql.target",
            "PartOf=postgresql.target",
            "Environment=\"PGDATA=/var/lib/postgresql/16\"",
            "RequiresMountsFor=/var/lib/postgresql/16",
            "StateDirectory=postgresql postgresql/16",
            "StateDirectoryMode=0750",
            "Type=notify",
            "User=postgres",
            "KillSignal=SIGINT",
            "Restart=always",
            "StartLimitBurst=5",
            "StartLimitIntervalSec=605",
            "SystemCallFilter=@system-service",
            "SystemCallFilter=~@privileged",
            "SystemCallFilter=~@resources",
            "UMask=0027",
        ],
    );
    // Wanted through postgresql.target, not directly.
    assert!(!server.contains("[Install]"), "{server}");

    let target = unit(&r, "postgresql.target");
    assert_lines(target, &["Description=PostgreSQL", "Requires=postgresql.service postgresql-setup.service"]);

    let setup = unit(&r, "postgresql-setup.service");
    assert_lines(
        setup,
        &[
            "Requires=postgresql.service",
            "After=postgresql.service",
            "Type=oneshot",
            "RemainAfterExit=true",
            "Environment=\"PGPORT=5432\"",
        ],
    );
    assert!(line(setup, "ExecStart").contains("-unit-script-postgresql-setup-start/bin/postgresql-setup-start"));

    // ensureDatabases and ensureUsers run in the setup unit, after the server answers.
    let sql = script(&r, "postgresql-setup-start");
    assert!(sql.contains("while ! check-connection 2> /dev/null; do"), "{sql}");
    assert!(sql.contains("psql -tAc 'CREATE DATABASE \"blog\"'"), "{sql}");
    assert!(sql.contains("psql -tAc 'CREATE USER \"blog\"'"), "{sql}");
    assert!(sql.contains("psql -tAc 'ALTER DATABASE \"blog\" OWNER TO \"blog\";'"), "{sql}");
    // postgresql.conf is a store file linked into the data folder; nothing in /etc.
    let pre = script(&r, "postgresql-pre-start");
    assert!(pre.contains("initdb -U postgres"), "{pre}");
    assert!(
        pre.lines().any(|l| l.starts_with("ln -sfn \"/nix/store/")
            && l.ends_with("-postgresql.conf/postgresql.conf\" \"/var/lib/postgresql/16/postgresql.conf\"")),
        "{pre}"
    );
    assert!(r["etc"].get("postgresql/postgresql.conf").is_none(), "{}", r["etc"]);

    assert_eq!(r["firewall"]["allowedTCPPorts"], serde_json::json!([5432]));
    assert_eq!(r["etc"]["hostname"], "db\n");
}

#[test]
fn postgres_extensions_join_the_server_environment() {
    let path = examples_dir().join("postgres.nix");
    let r = render_module(&format!(
        "{{ imports = [ {} ]; services.postgresql.extensions = ps: [ ps.postgis ps.pgvector ]; }}",
        path.display()
    ))
    .unwrap();
    let server = unit(&r, "postgresql.service");
    assert!(line(server, "ExecStart").ends_with("-postgresql-and-plugins-16.11/bin/postgres"), "{server}");
    let (ok, out, err) = nixpen(&[
        "eval",
        "--strict",
        "--json",
        "--expr",
        &format!(
            "map (p: p.name) (import <nixpkgs/nixos> {{ configuration = {{ imports = [ {} ]; services.postgresql.extensions = ps: [ ps.postgis ]; }}; }}).config.services.postgresql.finalPackage.installedExtensions",
            path.display()
        ),
    ]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "[\"postgis-3.6.0\"]");
}

#[test]
fn postgres_owner_without_database_fails_nixos_assertion() {
    let path = examples_dir().join("postgres.nix");
    let err = render_module(&format!(
        "{{ imports = [ {} ]; services.postgresql.ensureUsers = [ {{ name = \"wiki\"; ensureDBOwnership = true; }} ]; }}",
        path.display()
    ))
    .unwrap_err();
    assert!(err.contains("Failed assertions:"), "{err}");
    assert!(err.contains("Offender: wiki has not been found among databases."), "{err}");
}

#[test]
fn reverse_proxy_example_gets_acme_units_and_tls_server() {
    let r = render("reverse-proxy-tls.nix");
    let cert = "app.example.org";

    let placeholder = unit(&r, &format!("acme-{cert}.service"));
    assert_lines(
        placeholder,
        &[
            &format!("Description=Ensure certificate for {cert}"),
            "After=acme-setup.service",
            &format!("Before=acme-order-renew-{cert}.service"),
            &format!("Wants=acme-setup.service acme-order-renew-{cert}.service"),
            "Group=nginx",
            "Type=oneshot",
            "RemainAfterExit=true",
            &format!("StateDirectory=acme/{cert}"),
            "WantedBy=multi-user.target",
        ],
    );
    let order = unit(&r, &format!("acme-order-renew-{cert}.service"));
    assert_lines(
        order,
        &[
            &format!("Description=Order (and renew) ACME certificate for {cert}"),
            &format!(
                "After=network.target network-online.target acme-setup.service nss-lookup.target acme-{cert}.service"
            ),
            "ReadWritePaths=/var/lib/acme/acme-challenge",
            "RestartSec=900",
        ],
    );
    assert!(line(order, "ExecStartPost").starts_with("ExecStartPost=+/nix/store/"), "{order}");
    let lego = script(&r, &format!("acme-order-renew-{cert}-start"));
    assert!(
        lego.contains(&format!("lego --accept-tos --path . --email admin@example.org --http --http.webroot /var/lib/acme/acme-challenge --server https://acme-v02.api.letsencrypt.org/directory --key-type ec256 -d {cert} run")),
        "{lego}"
    );
    let timer = unit(&r, &format!("acme-renew-{cert}.timer"));
    assert_lines(
        timer,
        &[
            "OnCalendar=daily",
            &format!("Unit=acme-order-renew-{cert}.service"),
            "X-OnlyManualStart=true",
            "WantedBy=timers.target",
        ],
    );
    assert!(unit(&r, "acme-setup.service").contains("RuntimeDirectory=acme"));
    assert!(r["units"].as_object().unwrap().keys().any(|k| k.starts_with("acme-account-") && k.ends_with(".target")));

    // nginx starts after the placeholder certificate exists, before the real order.
    let nginx = unit(&r, "nginx.service");
    assert_lines(
        nginx,
        &[
            &format!("After=network.target acme-{cert}.service"),
            &format!("Before=acme-order-renew-{cert}.service"),
            &format!("Wants=acme-{cert}.service"),
        ],
    );
    assert!(unit(&r, "nginx-config-reload.service")
        .contains(&format!("ConditionPathExists=/var/lib/acme/{cert}/fullchain.pem")));

    let conf = r["nginx"].as_str().unwrap();
    for l in [
        "\t\tlisten 0.0.0.0:80 ;",
        "\t\t\treturn 301 https://$host$request_uri;",
        "\t\tlisten 0.0.0.0:443 ssl ;",
        "\t\tlisten [::0]:443 ssl ;",
        "\t\tserver_name app.example.org ;",
        "\t\thttp2 on;",
        "\t\tssl_certificate /var/lib/acme/app.example.org/fullchain.pem;",
        "\t\tssl_certificate_key /var/lib/acme/app.example.org/key.pem;",
        "\t\tssl_trusted_certificate /var/lib/acme/app.example.org/chain.pem;",
        "\t\tlocation ^~ /.well-known/acme-challenge/ {",
        "\t\t\tproxy_pass http://app;",
        "\t\t\tproxy_set_header Upgrade $http_upgrade;",
        "\t\tlocation = /healthz {",
        "\t\t\treturn 200 ok;",
        "\tupstream app {",
        "\tclient_max_body_size 20m;",
    ] {
        assert!(conf.lines().any(|x| x == l), "missing {l:?} in\n{conf}");
    }
    // Two server blocks: the redirect on port 80 and the TLS one.
    assert_eq!(conf.matches("\tserver {").count(), 2, "{conf}");
    assert_eq!(r["firewall"]["allowedTCPPorts"], serde_json::json!([80, 443]));
}

#[test]
fn acme_with_nginx_reload_orders_certificate_units_before_nginx() {
    let path = examples_dir().join("reverse-proxy-tls.nix");
    let r =
        render_module(&format!("{{ imports = [ {} ]; services.nginx.enableReload = true; }}", path.display())).unwrap();
    let placeholder = unit(&r, "acme-app.example.org.service");
    assert_lines(
        placeholder,
        &["Before=acme-order-renew-app.example.org.service nginx.service", "WantedBy=multi-user.target nginx.service"],
    );
    let nginx = unit(&r, "nginx.service");
    assert_lines(nginx, &["After=network.target"]);
    assert!(!nginx.contains("acme-"), "{nginx}");
    assert!(line(nginx, "ExecStart").ends_with(" -c '/etc/nginx/nginx.conf'"), "{nginx}");
    let reload = unit(&r, "nginx-config-reload.service");
    assert_lines(
        reload,
        &[
            "After=acme-app.example.org.service",
            "Wants=nginx.service",
            "WantedBy=multi-user.target acme-app.example.org.service",
        ],
    );
}

#[test]
fn acme_without_accepted_terms_fails_nixos_assertion() {
    let err = render_module(
        "{ services.nginx.enable = true; services.nginx.virtualHosts.\"a.example\".enableACME = true; \
         security.acme.defaults.email = \"a@example.org\"; system.stateVersion = \"25.05\"; }",
    )
    .unwrap_err();
    assert!(err.contains("You must accept the CA's terms of service before using"), "{err}");
}

#[test]
fn static_site_example_serves_its_root() {
    let r = render("static-site.nix");
    let conf = r["nginx"].as_str().unwrap();
    assert!(conf.contains("\t\tserver_name example.org www.example.org;"), "{conf}");
    assert!(conf.lines().any(|l| l.starts_with("\t\troot /nix/store/") && l.ends_with("-site;")), "{conf}");
    assert!(conf.contains("\t\tlocation /assets/ {\n\t\t\texpires 30d;\n\t\t}"), "{conf}");
    assert!(conf.contains("\t\terror_page 404 /404.html;"), "{conf}");
    assert!(conf.contains("\tgzip on;"), "{conf}");
    assert_eq!(conf.matches("\tserver {").count(), 1, "{conf}");
    assert!(line(unit(&r, "nginx.service"), "ExecStart").contains("-nginx-1.28.0/bin/nginx -c '/nix/store/"));
    assert_eq!(r["firewall"]["allowedTCPPorts"], serde_json::json!([80]));
    assert_eq!(r["etc"]["hostname"], "www\n");
    // nginx reads its store file (/etc/nginx/nginx.conf is the same text).
    assert!(line(unit(&r, "nginx.service"), "ExecStart").ends_with("-nginx.conf'"));
    assert_eq!(r["etc"]["nginx/nginx.conf"].as_str(), Some(conf));
}

#[test]
fn timer_example_has_start_at_and_hand_written_timers() {
    let r = render("timer.nix");
    let backup = unit(&r, "backup.service");
    assert!(line(backup, "ExecStart").contains("-unit-script-backup-start/bin/backup-start"), "{backup}");
    assert!(!backup.contains("[Install]"), "{backup}");
    assert!(script(&r, "backup-start").contains("tar czf /var/backup/app-$(date +%F).tar.gz /var/lib/app"));
    assert_eq!(
        unit(&r, "backup.timer"),
        "[Unit]\n\n[Timer]\nOnCalendar=*-*-* 03:00:00\n\n\n[Install]\nWantedBy=timers.target\n"
    );
    assert_eq!(
        unit(&r, "cleanup.timer"),
        "[Unit]\n\n[Timer]\nOnCalendar=weekly\nPersistent=true\n\n\n[Install]\nWantedBy=timers.target\n"
    );
    assert!(line(unit(&r, "cleanup.service"), "ExecStart")
        .ends_with("-findutils-4.10.0/bin/find /var/backup -mtime +7 -delete"));
    assert_eq!(r["firewall"]["allowedTCPPorts"], serde_json::json!([]));
}

#[test]
fn state_version_warning_is_printed_once() {
    let dir = examples_dir().join("tutorial/5-final");
    for json in [false, true] {
        let mut args = vec!["render", dir.to_str().unwrap()];
        if json {
            args.push("--json");
        }
        let (ok, _, err) = nixpen(&args);
        assert!(ok, "{err}");
        assert_eq!(err.matches("system.stateVersion is not set, defaulting to").count(), 1, "{err}");
    }
}

/// `nixpen render --json` prints the whole schema (`nixpen_nixos::Rendered`,
/// which the playground reads too), the firewall's per-interface ports
/// included; the text form lists them under the interface's name.
#[test]
fn render_json_carries_the_firewall_interfaces() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("render-interfaces");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("configuration.nix");
    std::fs::write(
        &file,
        "{ networking.firewall.allowedTCPPorts = [ 80 ];\n  networking.firewall.interfaces.eth1.allowedUDPPorts = [ 53 ];\n  system.stateVersion = \"24.11\"; }\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let (ok, out, err) = nixpen(&["render", path, "--json"]);
    assert!(ok, "render failed:\n{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["firewall"]["allowedTCPPorts"], serde_json::json!([80]));
    assert_eq!(json["firewall"]["interfaces"]["eth1"]["allowedUDPPorts"], serde_json::json!([53]));
    let (ok, text, err) = nixpen(&["render", path]);
    assert!(ok, "render failed:\n{err}");
    assert!(text.contains("==> firewall <==\nTCP: 80\nUDP: none\neth1 TCP: none\neth1 UDP: 53\n"), "{text}");
}
