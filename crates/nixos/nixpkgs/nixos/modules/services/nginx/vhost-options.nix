# The options of services.nginx.virtualHosts.<name>.
{ lib, config }:

let
  inherit (lib) mkOption types;

  listenOptions = {
    options = {
      addr = mkOption { type = types.str; description = "The address to listen on."; };
      port = mkOption {
        type = types.nullOr types.port;
        default = null;
        description = "The port to listen on; null lets nginx use 80 (unless the address is a socket).";
      };
      ssl = mkOption { type = types.bool; default = false; description = "Whether this listener serves TLS."; };
      proxyProtocol = mkOption { type = types.bool; default = false; description = "Whether this listener expects the PROXY protocol."; };
      extraParameters = mkOption {
        type = types.listOf types.str;
        default = [ ];
        example = [ "backlog=1024" "deferred" ];
        description = "More parameters of the `listen` directive.";
      };
    };
  };
in
{ name, ... }: {
  options = {
    serverName = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "example.org";
      description = "The host's name (`server_name`); the attribute name when null.";
    };

    serverAliases = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "www.example.org" "example.org" ];
      description = "More names this host answers to.";
    };

    listen = mkOption {
      type = types.listOf (types.submodule listenOptions);
      default = [ ];
      example = [ { addr = "195.154.1.1"; port = 443; ssl = true; } { addr = "192.154.1.1"; port = 80; } ];
      description = ''
        The addresses and ports this host listens on. When set, it replaces
        what `addSSL`, `onlySSL` and `listenAddresses` would choose.
      '';
    };

    listenAddresses = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "127.0.0.1" "[::1]" ];
      description = "The addresses this host listens on, the ports chosen for you.";
    };

    enableACME = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to get a certificate for this host from Let's Encrypt (see `security.acme`).";
    };

    useACMEHost = mkOption {
      type = types.nullOr types.str;
      default = null;
      description = ''
        The name of an existing `security.acme.certs` certificate to use for
        this host (it is not created or extended for it).
      '';
    };

    acmeRoot = mkOption {
      type = types.nullOr types.str;
      default = "/var/lib/acme/acme-challenge";
      description = "The public folder ACME challenges are served from; null to use security.acme's.";
    };

    acmeFallbackHost = mkOption {
      type = types.nullOr types.str;
      default = null;
      description = "A host unanswered ACME challenges are proxied to.";
    };

    addSSL = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to serve HTTPS as well as plain HTTP (ports 443 and 80 by default).";
    };

    onlySSL = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to serve HTTPS only (port 443 by default).";
    };

    forceSSL = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to serve HTTPS and redirect plain HTTP requests to it (`redirectCode`).";
    };

    rejectSSL = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to listen for HTTPS only to refuse the handshake (for default hosts).";
    };

    kTLS = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to let the kernel do TLS (kTLS).";
    };

    sslCertificate = mkOption {
      type = types.path;
      example = "/var/host.cert";
      description = "The TLS certificate file.";
    };

    sslCertificateKey = mkOption {
      type = types.path;
      example = "/var/host.key";
      description = "The TLS certificate's private key file.";
    };

    sslTrustedCertificate = mkOption {
      type = types.nullOr types.path;
      default = null;
      description = "The root certificates for OCSP stapling and client certificates.";
    };

    http2 = mkOption {
      type = types.bool;
      default = true;
      description = "Whether to offer HTTP/2 on TLS listeners.";
    };

    http3 = mkOption {
      type = types.bool;
      default = true;
      description = "Whether to offer HTTP/3 (needs `quic`).";
    };

    http3_hq = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to offer HTTP/0.9 over QUIC (for interoperability tests).";
    };

    quic = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to listen for QUIC.";
    };

    reuseport = mkOption {
      type = types.bool;
      default = false;
      description = "Whether to give each worker its own listening socket (`reuseport`; set it on one host only).";
    };

    root = mkOption {
      type = types.nullOr types.path;
      default = null;
      example = "/data/webserver/docs";
      description = "The folder this host serves files from.";
    };

    default = mkOption {
      type = types.bool;
      default = false;
      description = "Whether this host answers requests no other host's name matches.";
    };

    extraConfig = mkOption {
      type = types.lines;
      default = "";
      description = "Lines added verbatim at the end of the server block.";
    };

    globalRedirect = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "newserver.example.org";
      description = "A host every request is redirected to (`redirectCode`).";
    };

    redirectCode = mkOption {
      type = types.ints.between 300 399;
      default = 301;
      example = 308;
      description = "The HTTP status of the redirections of `globalRedirect` and `forceSSL`.";
    };

    basicAuth = mkOption {
      type = types.attrsOf types.str;
      default = { };
      example = { user = "password"; };
      description = ''
        Users and passwords allowed into this host with HTTP basic
        authentication. The passwords end up readable in the Nix store.
      '';
    };

    basicAuthFile = mkOption {
      type = types.nullOr types.path;
      default = null;
      description = "An htpasswd file of users allowed into this host (kept out of the store).";
    };

    locations = mkOption {
      type = types.attrsOf (types.submodule (import ./location-options.nix { inherit lib config; }));
      default = { };
      example = { "/" = { proxyPass = "http://localhost:3000"; }; };
      description = "The locations (path prefixes or patterns) of this host and how each is served.";
    };
  };
}
