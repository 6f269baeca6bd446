//! The renderers of Nixpen's NixOS (`crates/nixos/nixpkgs/nixos`) write
//! unit files and nginx.conf as NixOS writes them: fixed texts for small
//! configurations, derived from NixOS' own rendering rules (section and key
//! order, `Environment=` quoting, the default PATH, generated job scripts,
//! timers from `startAt`, nginx's formatter). Store hashes are masked, as
//! they depend on the package set. Each expression is evaluated by Nixpen
//! and by `nix-instantiate`, which must agree (`common::eval`).

mod common;

use common::{eval, parse_json, Json, JsonExt};

/// Renders a NixOS module (Nix source) and returns `system.build.nixpen`.
fn render(module: &str) -> Json {
    let expr = format!("(import <nixpkgs/nixos> {{ configuration = {module}; }}).config.system.build.nixpen");
    parse_json(&eval(&expr).unwrap_or_else(|e| panic!("{e}")))
}

/// `text` with every store path's hash replaced by `HASH`.
fn mask(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("/nix/store/") {
        let (before, after) = rest.split_at(at + "/nix/store/".len());
        out.push_str(before);
        let hash_len = after.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
        if hash_len == 32 {
            out.push_str("HASH");
            rest = &after[32..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The PATH NixOS gives a service whose `path` is `extra` (masked paths
/// such as "/nix/store/HASH-curl-8.17.0-bin").
fn default_path(extra: &[&str]) -> String {
    let base = [
        "/nix/store/HASH-coreutils-9.8",
        "/nix/store/HASH-findutils-4.10.0",
        "/nix/store/HASH-gnugrep-3.12",
        "/nix/store/HASH-gnused-4.9",
        "/nix/store/HASH-systemd-258.2",
    ];
    let all: Vec<&str> = extra.iter().copied().chain(base).collect();
    let bins: Vec<String> = all.iter().map(|p| format!("{p}/bin")).collect();
    let sbins: Vec<String> = all.iter().map(|p| format!("{p}/sbin")).collect();
    format!("{}:{}", bins.join(":"), sbins.join(":"))
}

const LOCALE: &str = "Environment=\"LOCALE_ARCHIVE=/nix/store/HASH-glibc-locales-2.40-66/lib/locale/locale-archive\"\n";
const TZDIR: &str = "Environment=\"TZDIR=/nix/store/HASH-tzdata-2025b/share/zoneinfo\"\n";

#[test]
fn service_with_script_and_start_at() {
    let out = render(
        r#"{ pkgs, ... }: {
          systemd.services.backup = {
            description = "Nightly backup";
            script = "echo \"hi\"";
            startAt = "daily";
            path = [ pkgs.curl ];
            environment.GREETING = "say \"hello\"\n";
            restartIfChanged = false;
            after = [ "network.target" ];
            serviceConfig.Type = "oneshot";
          };
        }"#,
    );
    let units = out.at("units");
    let service = mask(units.at("backup.service").string());
    let expected = format!(
        "[Unit]\nAfter=network.target\nDescription=Nightly backup\n\n[Service]\n\
         Environment=\"GREETING=say \\\"hello\\\"\\n\"\n{LOCALE}Environment=\"PATH={}\"\n{TZDIR}\
         X-RestartIfChanged=false\n\
         ExecStart=/nix/store/HASH-unit-script-backup-start/bin/backup-start \n\
         Type=oneshot\n",
        default_path(&["/nix/store/HASH-curl-8.17.0-bin"])
    );
    assert_eq!(service, expected);

    let timer = units.at("backup.timer").string();
    assert_eq!(timer, "[Unit]\n\n[Timer]\nOnCalendar=daily\n\n\n[Install]\nWantedBy=timers.target\n");

    let scripts = out.at("scripts").object();
    let (path, text) = scripts.iter().find(|(p, _)| p.ends_with("/bin/backup-start")).expect("backup-start script");
    assert!(mask(path).starts_with("/nix/store/HASH-unit-script-backup-start/"));
    assert_eq!(mask(text.string()), "#!/nix/store/HASH-bash-5.3p3/bin/bash\nset -e\n\necho \"hi\"\n\n");
}

#[test]
fn socket_target_and_stop_if_changed() {
    let out = render(
        r#"{
          systemd.sockets.foo = {
            listenStreams = [ "/run/foo.sock" ];
            socketConfig.SocketMode = "0660";
            wantedBy = [ "sockets.target" ];
          };
          systemd.targets.mine = { description = "Mine"; wants = [ "a.service" "b.service" ]; };
          systemd.services.foo = {
            serviceConfig.ExecStart = [ "/bin/a" "/bin/b" ];
            stopIfChanged = false;
            reloadIfChanged = true;
            unitConfig.RequiresMountsFor = "/data";
            wantedBy = [ "multi-user.target" "foo.socket" ];
          };
          systemd.services.off = { enable = false; script = "true"; };
        }"#,
    );
    let units = out.at("units");
    assert_eq!(
        units.at("foo.socket").string(),
        "[Unit]\n\n[Socket]\nSocketMode=0660\n\nListenStream=/run/foo.sock\n\n\n[Install]\nWantedBy=sockets.target\n"
    );
    assert_eq!(units.at("mine.target").string(), "[Unit]\nDescription=Mine\nWants=a.service b.service\n\n");
    let service = mask(units.at("foo.service").string());
    assert_eq!(
        service,
        format!(
            "[Unit]\nRequiresMountsFor=/data\n\n[Service]\n{LOCALE}Environment=\"PATH={}\"\n{TZDIR}\
             X-ReloadIfChanged=true\nX-StopIfChanged=false\nExecStart=/bin/a\nExecStart=/bin/b\n\n\
             [Install]\nWantedBy=multi-user.target foo.socket\n",
            default_path(&[])
        )
    );
    assert!(!units.object().contains_key("off.service"));
}

#[test]
fn nginx_forced_tls_with_acme_and_recommended_proxy() {
    let out = render(
        r#"{
          security.acme = { acceptTerms = true; defaults.email = "admin@example.org"; };
          services.nginx = {
            enable = true;
            recommendedProxySettings = true;
            virtualHosts."example.org" = {
              forceSSL = true;
              enableACME = true;
              serverAliases = [ "www.example.org" ];
              locations."/".proxyPass = "http://127.0.0.1:8080";
              locations."/ws" = { proxyPass = "http://127.0.0.1:8081"; proxyWebsockets = true; priority = 900; };
            };
          };
        }"#,
    );
    let conf = mask(out.at("nginx").string());
    let expected = "\tproxy_redirect          off;
\tproxy_connect_timeout   60s;
\tproxy_send_timeout      60s;
\tproxy_read_timeout      60s;
\tproxy_http_version      1.1;
\t# don't let clients close the keep-alive connection to upstream. See the nginx blog for details:
\t# https://www.nginx.com/blog/avoiding-top-10-nginx-configuration-mistakes/#no-keepalives
\tproxy_set_header        \"Connection\" \"\";
\tinclude /nix/store/HASH-nginx-recommended-proxy_set_header-headers.conf;
\t# $connection_upgrade is used for websocket proxying
\tmap $http_upgrade $connection_upgrade {
\t\tdefault upgrade;
\t\t''      close;
\t}
\tclient_max_body_size 10m;
\tserver_tokens off;
\tserver {
\t\tlisten 0.0.0.0:80 ;
\t\tlisten [::0]:80 ;
\t\tserver_name example.org www.example.org;
\t\tlocation / {
\t\t\treturn 301 https://$host$request_uri;
\t\t}
\t\tlocation ^~ /.well-known/acme-challenge/ {
\t\t\troot /var/lib/acme/acme-challenge;
\t\t\tauth_basic off;
\t\t\tauth_request off;
\t\t}
\t}
\tserver {
\t\tlisten 0.0.0.0:443 ssl ;
\t\tlisten [::0]:443 ssl ;
\t\tserver_name example.org www.example.org;
\t\thttp2 on;
\t\tssl_certificate /var/lib/acme/example.org/fullchain.pem;
\t\tssl_certificate_key /var/lib/acme/example.org/key.pem;
\t\tssl_trusted_certificate /var/lib/acme/example.org/chain.pem;
\t\tlocation ^~ /.well-known/acme-challenge/ {
\t\t\troot /var/lib/acme/acme-challenge;
\t\t\tauth_basic off;
\t\t\tauth_request off;
\t\t}
\t\tlocation /ws {
\t\t\tproxy_pass http://127.0.0.1:8081;
\t\t\tproxy_http_version 1.1;
\t\t\tproxy_set_header Upgrade $http_upgrade;
\t\t\tproxy_set_header Connection $connection_upgrade;
\t\t\tinclude /nix/store/HASH-nginx-recommended-proxy_set_header-headers.conf;
\t\t}
\t\tlocation / {
\t\t\tproxy_pass http://127.0.0.1:8080;
\t\t\tinclude /nix/store/HASH-nginx-recommended-proxy_set_header-headers.conf;
\t\t}
\t}
}
";
    assert!(conf.ends_with(expected), "{conf}");
    assert!(
        conf.starts_with("pid /run/nginx/nginx.pid;\nerror_log stderr;\ndaemon off;\nevents {\n}\nhttp {\n"),
        "{conf}"
    );
}

#[test]
fn failed_assertions_fail_the_build() {
    let expr = "(import <nixpkgs/nixos> { configuration = { services.nginx = { enable = true; virtualHosts.a = { addSSL = true; onlySSL = true; sslCertificate = \"/c\"; sslCertificateKey = \"/k\"; }; }; }; }).config.system.build.nixpen";
    let err = eval(expr).expect_err("must fail");
    assert!(
        err.contains("Failed assertions:\n       - Options services.nginx.service.virtualHosts.<name>.addSSL,"),
        "{err}"
    );
}

/// config/nix.nix writes out the nix.conf of NixOS's own settings, so that
/// a configuration leaving them alone does not merge them on every render:
/// it is the text the settings give when a configuration defines one
/// (here the same value again), and a setting of its own adds its line.
#[test]
fn nix_conf_of_the_default_settings_is_the_text_they_give() {
    let conf = |module: &str| render(module).at("etc").at("nix/nix.conf").string().to_string();
    let written_out = conf("{ }");
    assert_eq!(written_out, conf("{ nix.settings.cores = 0; }"));
    assert!(written_out.contains("\ntrusted-users = root\nextra-sandbox-paths = \n"), "{written_out}");
    let flakes = conf(r#"{ nix.settings.experimental-features = [ "nix-command" "flakes" ]; }"#);
    assert!(flakes.contains("\nexperimental-features = nix-command flakes\n"), "{flakes}");
}
