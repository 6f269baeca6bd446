# The options of services.nginx (the server as a whole; virtual hosts and
# locations are in vhost-options.nix and location-options.nix).
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption mkEnableOption types literalExpression;
  cfg = config.services.nginx;

  str = default: description: mkOption { type = types.str; inherit default description; };
  lines = description: mkOption { type = types.lines; default = ""; inherit description; };
  flag = description: mkOption { type = types.bool; default = false; inherit description; };
  positiveOrNull = description: mkOption { type = types.nullOr types.ints.positive; default = null; inherit description; };
in
{
  options.services.nginx = {
    enable = mkEnableOption "Nginx Web Server";

    package = mkOption {
      type = types.package;
      default = pkgs.nginxStable;
      defaultText = literalExpression "pkgs.nginxStable";
      apply = p: p.override { modules = lib.unique ((p.modules or [ ]) ++ cfg.additionalModules); };
      description = ''
        The nginx package. The default is the stable branch; nginx's
        developers recommend the mainline branch, `pkgs.nginxMainline`.
      '';
    };

    additionalModules = mkOption {
      type = types.listOf (types.attrsOf types.anything);
      default = [ ];
      example = literalExpression "[ pkgs.nginxModules.echo ]";
      description = "Third-party nginx modules to build into the package.";
    };

    user = str "nginx" "The user nginx runs as.";
    group = str "nginx" "The group nginx runs as.";

    statusPage = flag "Whether to serve nginx's status at http://127.0.0.1/nginx_status (reachable from this machine only).";
    recommendedTlsSettings = flag "Whether to add NixOS' recommended TLS settings.";
    recommendedOptimisation = flag "Whether to add NixOS' recommended performance settings (sendfile, tcp_nopush, …).";
    recommendedBrotliSettings = flag "Whether to compress responses with brotli (adds the brotli module).";
    recommendedGzipSettings = flag "Whether to compress responses with gzip, with NixOS' recommended settings.";
    experimentalZstdSettings = flag "Whether to compress responses with the (alpha quality) zstd module.";
    recommendedProxySettings = flag "Whether proxied locations get NixOS' recommended proxy headers and timeouts, unless they choose otherwise.";
    recommendedUwsgiSettings = flag "Whether uwsgi locations get NixOS' recommended uwsgi settings, unless they choose otherwise.";

    proxyTimeout = str "60s" "The proxy timeouts set by `recommendedProxySettings`.";
    uwsgiTimeout = str "60s" "The uwsgi timeouts set by `recommendedUwsgiSettings`.";

    defaultListen = mkOption {
      type = types.listOf (types.submodule {
        options = {
          addr = mkOption { type = types.str; description = "The IP address."; };
          port = mkOption { type = types.nullOr types.port; default = null; description = "The port."; };
          ssl = mkOption { type = types.nullOr types.bool; default = null; description = "Whether it serves TLS."; };
          proxyProtocol = mkOption { type = types.bool; default = false; description = "Whether it expects the PROXY protocol."; };
          extraParameters = mkOption { type = types.listOf types.str; default = [ ]; description = "More parameters of the listen directive."; };
        };
      });
      default = [ ];
      description = ''
        Where hosts without their own `listen` listen. Takes precedence over
        `defaultListenAddresses` and the hosts' `listenAddresses`.
      '';
    };

    defaultListenAddresses = mkOption {
      type = types.listOf types.str;
      default = [ "0.0.0.0" ] ++ lib.optional config.networking.enableIPv6 "[::0]";
      defaultText = literalExpression ''[ "0.0.0.0" ] ++ lib.optional config.networking.enableIPv6 "[::0]"'';
      description = "The addresses hosts without `listenAddresses` listen on.";
    };

    defaultHTTPListenPort = mkOption { type = types.port; default = 80; example = 8080; description = "The port of plain HTTP listeners without an explicit port."; };
    defaultSSLListenPort = mkOption { type = types.port; default = 443; example = 8443; description = "The port of TLS listeners without an explicit port."; };

    defaultMimeTypes = mkOption {
      type = types.path;
      default = "${pkgs.mailcap}/etc/nginx/mime.types";
      defaultText = literalExpression "\"\${pkgs.mailcap}/etc/nginx/mime.types\"";
      description = "The MIME types table (mailcap's, more complete than nginx's own).";
    };

    typesHashMaxSize = mkOption {
      type = types.ints.positive;
      default = if cfg.defaultMimeTypes == "${pkgs.mailcap}/etc/nginx/mime.types" then 2688 else 1024;
      description = "The size of the MIME types hash table (`types_hash_max_size`).";
    };

    logError = str "stderr" "Where errors are logged and from which level (`error_log`).";
    preStart = lines "Shell commands run before nginx starts.";

    config = mkOption {
      type = types.str;
      default = "";
      description = ''
        The whole nginx.conf, verbatim; only `appendConfig`, `httpConfig` and
        `logError` may be used with it.
      '';
    };

    prependConfig = lines "Lines added at the start of nginx.conf (for example to load modules).";
    appendConfig = lines "Lines added at the end of nginx.conf.";
    commonHttpConfig = lines "Lines added to the http block before the hosts (for definitions such as log_format or resolver).";
    httpConfig = lines "The http block, verbatim, instead of the one the host options generate.";
    streamConfig = lines "The content of a stream block.";
    eventsConfig = lines "The content of the events block.";
    appendHttpConfig = lines "Lines added at the end of the generated http block.";

    enableReload = flag "Whether a changed configuration reloads nginx instead of restarting it (the file is then /etc/nginx/nginx.conf).";
    enableQuicBPF = flag "Whether QUIC packets are routed with eBPF (gives nginx extra capabilities).";
    validateConfigFile = mkOption { type = types.bool; default = true; description = "Whether the configuration file is checked when it is built."; };
    serverTokens = flag "Whether nginx shows its version in headers and error pages.";
    clientMaxBodySize = str "10m" "The largest request body accepted (`client_max_body_size`).";

    sslCiphers = mkOption {
      type = types.nullOr (types.either types.str (types.listOf types.str));
      default = [
        "ECDHE-ECDSA-AES128-GCM-SHA256"
        "ECDHE-RSA-AES128-GCM-SHA256"
        "ECDHE-ECDSA-AES256-GCM-SHA384"
        "ECDHE-RSA-AES256-GCM-SHA384"
        "ECDHE-ECDSA-CHACHA20-POLY1305"
        "ECDHE-RSA-CHACHA20-POLY1305"
        "DHE-RSA-AES128-GCM-SHA256"
        "DHE-RSA-AES256-GCM-SHA384"
        "DHE-RSA-CHACHA20-POLY1305"
      ];
      description = "The TLS cipher suites offered, up to TLS 1.2 (`ssl_ciphers`).";
    };

    sslProtocols = str "TLSv1.2 TLSv1.3" "The TLS versions accepted (`ssl_protocols`).";

    proxyResolveWhileRunning = flag "Whether proxy targets are resolved while running, not only at start (needs `resolver`).";
    uwsgiResolveWhileRunning = flag "Whether uwsgi targets are resolved while running, not only at start (needs `resolver`).";

    mapHashBucketSize = mkOption { type = types.nullOr (types.enum [ 32 64 128 ]); default = null; description = "The bucket size of map hash tables."; };
    mapHashMaxSize = positiveOrNull "The largest size of map hash tables.";
    serverNamesHashBucketSize = positiveOrNull "The bucket size of the server names hash table.";
    serverNamesHashMaxSize = positiveOrNull "The largest size of the server names hash table.";

    proxyCachePath = mkOption {
      type = types.attrsOf (types.submodule {
        options = {
          enable = mkEnableOption "this proxy cache path entry";
          keysZoneName = str "cache" "The name of the shared memory zone.";
          keysZoneSize = str "10m" "The size of the shared memory zone.";
          levels = str "1:2" "The levels of subfolders of the cache.";
          useTempPath = flag "Whether cached files are written to a temporary place first.";
          inactive = str "10m" "How long unused cached data is kept.";
          maxSize = str "1g" "The largest size of the cache.";
        };
      });
      default = { };
      description = "Proxy caches (`proxy_cache_path`), in /var/cache/nginx/<name>.";
    };

    resolver = mkOption {
      type = types.submodule {
        options = {
          addresses = mkOption { type = types.listOf types.str; default = [ ]; description = "The name servers."; };
          valid = str "" "How long answers are cached, overriding their TTL.";
          ipv4 = mkOption { type = types.bool; default = true; description = "Whether IPv4 addresses are looked up."; };
          ipv6 = mkOption { type = types.bool; default = config.networking.enableIPv6; description = "Whether IPv6 addresses are looked up."; };
        };
      };
      default = { };
      description = "The name servers used to resolve upstream names.";
    };

    upstreams = mkOption {
      type = types.attrsOf (types.submodule {
        options = {
          servers = mkOption {
            type = types.attrsOf (types.submodule {
              freeformType = types.attrsOf (types.oneOf [ types.bool types.int types.str ]);
              options.backup = flag "Whether this server only gets requests when the others are unavailable.";
            });
            default = { };
            description = "The servers of the group, with their parameters (weight, max_fails, …).";
          };
          extraConfig = lines "Lines added at the end of the upstream block.";
        };
      });
      default = { };
      description = "Groups of servers to proxy to.";
    };

    virtualHosts = mkOption {
      type = types.attrsOf (types.submodule (import ./vhost-options.nix { inherit config lib; }));
      default = { localhost = { }; };
      example = literalExpression ''
        {
          "hydra.example.com" = {
            forceSSL = true;
            enableACME = true;
            locations."/".proxyPass = "http://localhost:3000";
          };
        }
      '';
      description = "The virtual hosts (server blocks), by name.";
    };

    renderedConfig = mkOption {
      type = types.str;
      internal = true;
      readOnly = true;
      description = "Nixpen: the text of the generated nginx.conf.";
    };
  };
}
