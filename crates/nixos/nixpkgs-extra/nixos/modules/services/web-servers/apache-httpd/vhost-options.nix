# The options of one virtual host of services.httpd.virtualHosts, with
# NixOS's names, types and defaults (nixos/modules/services/web-servers/
# apache-httpd/vhost-options.nix); descriptions are Nixpen's own.
{ config, lib, name, ... }:

let
  inherit (lib) mkOption types;

  # One `listen` entry: an address, a port, and whether it speaks TLS.
  listenOptions = {
    options = {
      port = mkOption { type = types.port; description = "The port to listen on."; };
      ip = mkOption { type = types.str; default = "*"; description = "The address to listen on (`*`: every address, `0.0.0.0`: IPv4 only)."; };
      ssl = mkOption { type = types.bool; default = false; description = "Whether this address speaks HTTPS."; };
    };
  };

  # One `locations.<path>` block.
  locationOptions = { ... }: {
    options = {
      proxyPass = mkOption { type = types.nullOr types.str; default = null; example = "http://localhost:3000/"; description = "Where requests for this location are passed on (ProxyPass and ProxyPassReverse)."; };
      index = mkOption { type = types.nullOr types.str; default = null; example = "index.php index.html"; description = "The DirectoryIndex of this location."; };
      alias = mkOption { type = types.nullOr types.path; default = null; example = "/srv/files"; description = "The folder this location serves (Alias)."; };
      extraConfig = mkOption { type = types.lines; default = ""; description = "Lines added at the end of the location's block."; };
      priority = mkOption { type = types.int; default = 1000; description = "Where the block goes among the host's locations (smaller first, as with `lib.mkOrder`)."; };
    };
  };

  bool = default: description: mkOption { type = types.bool; inherit default description; };
in
{
  options = {
    hostName = mkOption { type = types.str; default = name; description = "The host's canonical name (ServerName); the attribute name by default."; };
    serverAliases = mkOption { type = types.listOf types.str; default = [ ]; example = [ "www.example.org" ]; description = "More names this host answers to (ServerAlias)."; };
    listen = mkOption {
      type = types.listOf (types.submodule listenOptions);
      default = [ ];
      example = [ { ip = "192.0.2.1"; port = 443; ssl = true; } { port = 8080; } ];
      description = "The addresses and ports of this host; when set, `addSSL`, `forceSSL` and `onlySSL` do not choose them.";
    };
    listenAddresses = mkOption { type = types.nonEmptyListOf types.str; default = [ "*" ]; example = [ "127.0.0.1" ]; description = "The addresses this host listens on, on the ports TLS options choose."; };
    enableSSL = mkOption { type = types.bool; visible = false; default = false; description = "No longer has an effect (an assertion says which option replaces it)."; };
    addSSL = bool false "Whether the host answers HTTPS (port 443) as well as HTTP (port 80).";
    onlySSL = bool false "Whether the host answers HTTPS (port 443) only.";
    forceSSL = bool false "Whether HTTP requests (port 80) are redirected to HTTPS (port 443).";
    enableACME = bool false "Whether the host's certificate comes from Let's Encrypt (security.acme.certs.<hostName>).";
    useACMEHost = mkOption { type = types.nullOr types.str; default = null; description = "The name of a certificate of security.acme.certs to use (one this option does not create)."; };
    acmeRoot = mkOption { type = types.nullOr types.str; default = "/var/lib/acme/acme-challenge"; description = "The folder served at /.well-known/acme-challenge/ for HTTP-01 challenges; null leaves it to security.acme."; };
    sslServerCert = mkOption { type = types.path; example = "/var/host.cert"; description = "The host's certificate, when not from ACME."; };
    sslServerKey = mkOption { type = types.path; example = "/var/host.key"; description = "The key of the host's certificate, when not from ACME."; };
    sslServerChain = mkOption { type = types.nullOr types.path; default = null; example = "/var/ca.pem"; description = "The chain of the host's certificate."; };
    http2 = bool true "Whether the host speaks HTTP/2 over TLS (`Protocols h2 h2c http/1.1`).";
    adminAddr = mkOption { type = types.nullOr types.str; default = null; example = "admin@example.org"; description = "The host's administrator's address (ServerAdmin); services.httpd.adminAddr by default."; };
    documentRoot = mkOption { type = types.nullOr types.path; default = null; example = "/var/www/example.org"; description = "The folder the host serves; an empty folder of the store when null."; };
    servedDirs = mkOption { type = types.listOf types.attrs; default = [ ]; example = [ { urlPath = "/doc"; dir = "/srv/doc"; } ]; description = "Folders served at URL paths, each `{ urlPath; dir; }`."; };
    servedFiles = mkOption { type = types.listOf types.attrs; default = [ ]; example = [ { urlPath = "/logo.png"; file = "/srv/logo.png"; } ]; description = "Files served at URL paths, each `{ urlPath; file; }` (deprecated: `locations.<path>.alias`)."; };
    extraConfig = mkOption { type = types.lines; default = ""; description = "Lines added at the end of the host's block."; };
    enableUserDir = bool false "Whether `~user/public_html` folders are served at `/~user`.";
    globalRedirect = mkOption { type = types.nullOr types.str; default = null; example = "https://example.org/"; description = "A URL every request is permanently redirected to."; };
    logFormat = mkOption { type = types.str; default = "common"; example = "combined"; description = "The format of the host's access log."; };
    robotsEntries = mkOption { type = types.lines; default = ""; example = "Disallow: /private/"; description = "The lines of the host's /robots.txt."; };
    locations = mkOption {
      type = types.attrsOf (types.submodule locationOptions);
      default = { };
      example = { "/".proxyPass = "http://localhost:3000/"; };
      description = "Blocks for URL paths of the host (`<Location>`).";
    };
  };

  # (As NixOS does: servedFiles are locations with an alias.)
  config.locations = builtins.listToAttrs (map (f: lib.nameValuePair f.urlPath { alias = f.file; }) config.servedFiles);
}
