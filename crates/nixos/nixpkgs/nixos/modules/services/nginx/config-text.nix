# The text of nginx.conf as the NixOS nginx module generates it from
# services.nginx: the main context, events, the http block with the
# recommended* settings, upstreams and one server block per virtual host,
# laid out by format.nix.
#
# It is made as lines, `{ text; from; }`: each line before layout, and
# (evaluated only when asked for) where it comes from, `{ options; note; }`:
# the locations of the options it is made from and, for what NixOS writes
# on its own, a note saying so. A line may hold several (an option's
# `extraConfig`); format.nix splits them. The lines are those of NixOS's
# template with its blank ones left out, which the layout drops anyway.
{ config, lib, pkgs }:

let
  inherit (lib) optionalString concatStringsSep mapAttrsToList filterAttrs optionals optional
    optionalAttrs filter hasPrefix;
  cfg = config.services.nginx;
  certs = config.security.acme.certs;
  format = import ./format.nix { inherit lib; };

  # Where lines come from.
  nginxLoc = [ "services" "nginx" ];
  opt = name: nginxLoc ++ [ name ];
  at = options: { inherit options; note = null; };
  atWithNote = options: note: { inherit options note; };
  nixos = note: { options = [ ]; note = "${note}, written by NixOS's nginx module"; };

  # line from text: one line (or several, for an option's text).
  line = from: text: { inherit text from; };
  lineIf = cond: from: text: if cond then [ (line from text) ] else [ ];

  # Virtual hosts with their server name and certificate name resolved.
  virtualHosts = lib.mapAttrs (vhostName: vhost:
    let
      serverName = if vhost.serverName != null then vhost.serverName else vhostName;
      certName = if vhost.useACMEHost != null then vhost.useACMEHost else serverName;
    in
    vhost // { inherit serverName certName; }
    // optionalAttrs (vhost.enableACME || vhost.useACMEHost != null) {
      sslCertificate = "${certs.${certName}.directory}/fullchain.pem";
      sslCertificateKey = "${certs.${certName}.directory}/key.pem";
      sslTrustedCertificate =
        if vhost.sslTrustedCertificate != null then vhost.sslTrustedCertificate
        else "${certs.${certName}.directory}/chain.pem";
    }) cfg.virtualHosts;

  # MIME types compressed by the recommended brotli/gzip/zstd settings.
  compressedTypes = concatStringsSep " " [
    "application/atom+xml" "application/geo+json" "application/javascript" "application/json"
    "application/ld+json" "application/manifest+json" "application/rdf+xml"
    "application/vnd.ms-fontobject" "application/wasm" "application/x-rss+xml"
    "application/x-web-app-manifest+json" "application/xhtml+xml" "application/xliff+xml"
    "application/xml" "font/collection" "font/otf" "font/ttf" "image/bmp" "image/svg+xml"
    "image/vnd.microsoft.icon" "text/cache-manifest" "text/calendar" "text/css" "text/csv"
    "text/javascript" "text/markdown" "text/plain" "text/vcard" "text/vnd.rim.location.xloc"
    "text/vtt" "text/x-component" "text/xml"
  ];

  # FastCGI parameters NixOS sets when a location sets any.
  defaultFastcgiParams = {
    CONTENT_LENGTH = "$content_length";
    CONTENT_TYPE = "$content_type";
    DOCUMENT_ROOT = "$document_root";
    DOCUMENT_URI = "$document_uri";
    GATEWAY_INTERFACE = "CGI/1.1";
    HTTPS = "$https if_not_empty";
    QUERY_STRING = "$query_string";
    REDIRECT_STATUS = "200";
    REMOTE_ADDR = "$remote_addr";
    REMOTE_PORT = "$remote_port";
    REQUEST_METHOD = "$request_method";
    REQUEST_SCHEME = "$scheme";
    REQUEST_URI = "$request_uri";
    SCRIPT_FILENAME = "$document_root$fastcgi_script_name";
    SCRIPT_NAME = "$fastcgi_script_name";
    SERVER_ADDR = "$server_addr";
    SERVER_NAME = "$server_name";
    SERVER_PORT = "$server_port";
    SERVER_PROTOCOL = "$server_protocol";
    SERVER_SOFTWARE = "nginx/$nginx_version";
  };

  # The headers file included by proxied locations with recommended settings.
  recommendedProxyConfig = pkgs.writeText "nginx-recommended-proxy_set_header-headers.conf" ''
    proxy_set_header        Host $host;
    proxy_set_header        X-Real-IP $remote_addr;
    proxy_set_header        X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header        X-Forwarded-Proto $scheme;
    proxy_set_header        X-Forwarded-Host $host;
    proxy_set_header        X-Forwarded-Server $hostname;
  '';

  oldHTTP2 = lib.versionOlder cfg.package.version "1.25.1" && (cfg.package.pname or "") != "angie";

  upstreamParameter = key: value:
    if builtins.isBool value then optionalString value key else "${key}=${toString value}";

  upstreams = lib.concatLists (mapAttrsToList (name: upstream:
    let from = at [ (opt "upstreams" ++ [ name ]) ]; in
    [ (line from "upstream ${name} {") ]
    ++ mapAttrsToList (server: params:
      line (at [ (opt "upstreams" ++ [ name "servers" server ]) ])
        "server ${server} ${concatStringsSep " " (mapAttrsToList upstreamParameter params)};") upstream.servers
    ++ [ (line (at [ (opt "upstreams" ++ [ name "extraConfig" ]) ]) upstream.extraConfig) (line from "}") ]
  ) cfg.upstreams);

  proxyCachePaths = mapAttrsToList (name: p:
    line (at [ (opt "proxyCachePath" ++ [ name ]) ]) "proxy_cache_path ${concatStringsSep " " [
      "/var/cache/nginx/${name}"
      "keys_zone=${p.keysZoneName}:${p.keysZoneSize}"
      "levels=${p.levels}"
      "use_temp_path=${if p.useTempPath then "on" else "off"}"
      "inactive=${p.inactive}"
      "max_size=${p.maxSize}"
    ]};") (filterAttrs (_: p: p.enable) cfg.proxyCachePath);

  htpasswd = name: users: pkgs.writeText "${name}.htpasswd"
    (concatStringsSep "\n" (mapAttrsToList (user: password: "${user}:{PLAIN}${password}\n") users));

  # basicAuth loc name zone: the basic authentication of a host or location.
  basicAuth = loc: name: zone:
    let from = at [ (loc ++ [ (if zone.basicAuthFile != null then "basicAuthFile" else "basicAuth") ]) ]; in
    optionals (zone.basicAuthFile != null || zone.basicAuth != { }) [
      (line from "auth_basic secured;")
      (line from "auth_basic_user_file ${if zone.basicAuthFile != null then zone.basicAuthFile else htpasswd name zone.basicAuth};")
    ];

  # location hostLoc loc: one location block of the host at `hostLoc`.
  location = hostLoc: loc:
    let
      here = hostLoc ++ [ "locations" loc.location ];
      o = name: here ++ [ name ];
      proxied = loc.proxyPass != null;
      uwsgi = loc.uwsgiPass != null;
      resolving = name: atWithNote [ (o name) (opt "${name}ResolveWhileRunning") ]
        "`services.nginx.${name}ResolveWhileRunning` makes nginx resolve the name at each request";
    in
    [ (line (at [ here ]) "location ${loc.location} {") ]
    ++ lineIf (proxied && !cfg.proxyResolveWhileRunning) (at [ (o "proxyPass") ]) "proxy_pass ${loc.proxyPass};"
    ++ optionals (proxied && cfg.proxyResolveWhileRunning) [
      (line (resolving "proxy") "set $nix_proxy_target \"${loc.proxyPass}\";")
      (line (resolving "proxy") "proxy_pass $nix_proxy_target;")
    ]
    ++ optionals loc.proxyWebsockets (map (line (at [ (o "proxyWebsockets") ])) [
      "proxy_http_version 1.1;"
      "proxy_set_header Upgrade $http_upgrade;"
      "proxy_set_header Connection $connection_upgrade;"
    ])
    ++ lineIf (uwsgi && !cfg.uwsgiResolveWhileRunning) (at [ (o "uwsgiPass") ]) "uwsgi_pass ${loc.uwsgiPass};"
    ++ optionals (uwsgi && cfg.uwsgiResolveWhileRunning) [
      (line (resolving "uwsgi") "set $nix_proxy_target \"${loc.uwsgiPass}\";")
      (line (resolving "uwsgi") "uwsgi_pass $nix_proxy_target;")
    ]
    ++ mapAttrsToList (n: v:
      line (if loc.fastcgiParams ? ${n} then at [ (o "fastcgiParams" ++ [ n ]) ]
            else atWithNote [ (o "fastcgiParams") ] "a FastCGI parameter NixOS adds when a location sets any")
        ''fastcgi_param ${n} "${v}";'')
      (optionalAttrs (loc.fastcgiParams != { }) (defaultFastcgiParams // loc.fastcgiParams))
    ++ lineIf (loc.index != null) (at [ (o "index") ]) "index ${loc.index};"
    ++ lineIf (loc.tryFiles != null) (at [ (o "tryFiles") ]) "try_files ${loc.tryFiles};"
    ++ lineIf (loc.root != null) (at [ (o "root") ]) "root ${loc.root};"
    ++ lineIf (loc.alias != null) (at [ (o "alias") ]) "alias ${loc.alias};"
    ++ lineIf (loc.return != null) (at [ (o "return") ]) "return ${toString loc.return};"
    ++ [ (line (at [ (o "extraConfig") ]) loc.extraConfig) ]
    ++ lineIf (proxied && loc.recommendedProxySettings) (atWithNote [ (o "recommendedProxySettings") ]
      "the forwarding headers of NixOS's recommended proxy settings") "include ${recommendedProxyConfig};"
    ++ lineIf (uwsgi && loc.recommendedUwsgiSettings) (at [ (o "recommendedUwsgiSettings") ])
      "include ${cfg.package}/conf/uwsgi_params;"
    ++ basicAuth here "sublocation" loc
    ++ [ (line (at [ here ]) "}") ];

  # The locations of a host, by priority then by name.
  locations = hostLoc: locs: lib.concatMap (location hostLoc)
    (builtins.sort (a: b: a.priority < b.priority) (mapAttrsToList (k: v: v // { location = k; }) locs));

  # The server block(s) of one virtual host.
  server = vhostName: vhost:
    let
      here = opt "virtualHosts" ++ [ vhostName ];
      o = name: here ++ [ name ];
      onlySSL = vhost.onlySSL;
      hasSSL = onlySSL || vhost.addSSL || vhost.forceSSL;
      # The options that make the host serve TLS.
      sslFrom = map o (filter (n: vhost.${n}) [ "onlySSL" "addSSL" "forceSSL" "rejectSSL" ]);

      # Listeners from addresses: TLS ones when the host serves TLS, plain
      # ones unless it serves TLS only.
      listenersFor = lines:
        optionals (hasSSL || vhost.rejectSSL) (map
          (l: { port = if hasPrefix "unix:" l.addr then null else cfg.defaultSSLListenPort; ssl = true; } // l)
          (filter (l: !(l ? ssl) || l.ssl) lines))
        ++ optionals (!onlySSL) (map
          (l: { port = if hasPrefix "unix:" l.addr then null else cfg.defaultHTTPListenPort; ssl = false; } // l)
          (filter (l: !(l ? ssl) || !l.ssl) lines));

      defaultListen =
        if vhost.listen != [ ] then vhost.listen
        else if cfg.defaultListen != [ ] then listenersFor (map (filterAttrs (_: v: v != null)) cfg.defaultListen)
        else listenersFor (map (addr: { inherit addr; })
          (if vhost.listenAddresses != [ ] then vhost.listenAddresses else cfg.defaultListenAddresses));

      # Where the listeners come from.
      listenFrom = ssl:
        if vhost.listen != [ ] then [ (o "listen") ]
        else
          [ (if cfg.defaultListen != [ ] then opt "defaultListen"
             else if vhost.listenAddresses != [ ] then o "listenAddresses" else opt "defaultListenAddresses")
            (opt (if ssl then "defaultSSLListenPort" else "defaultHTTPListenPort")) ]
          ++ optionals ssl sslFrom;

      hostListen = if vhost.forceSSL then filter (l: l.ssl) defaultListen else defaultListen;
      redirectListen = filter (l: !l.ssl) defaultListen;

      listenLines = { addr, port, ssl, extraParameters ? [ ], proxyProtocol ? false, ... }:
        let
          address = addr + optionalString (port != null) ":${toString port}";
          quicIncompatible = [ "accept_filter" "backlog" "deferred" "fastopen" "http2" "proxy_protocol" "so_keepalive" "ssl" ];
          quicParameters = filter (p: !(builtins.any (q: hasPrefix q p) quicIncompatible)) extraParameters;
          from = at (listenFrom ssl
            ++ optional vhost.default (o "default")
            ++ optional vhost.reuseport (o "reuseport")
            ++ optional (ssl && vhost.http2 && oldHTTP2) (o "http2"));
        in
        lineIf (ssl && vhost.quic) (at (listenFrom ssl ++ [ (o "quic") ])) (
          "listen ${address} quic "
          + optionalString vhost.default "default_server "
          + optionalString (vhost.reuseport && !(hasPrefix "unix:" addr)) "reuseport "
          + optionalString (extraParameters != [ ]) (concatStringsSep " " quicParameters)
          + ";")
        ++ [ (line from ("listen ${address} "
          + optionalString (ssl && vhost.http2 && oldHTTP2) "http2 "
          + optionalString ssl "ssl "
          + optionalString vhost.default "default_server "
          + optionalString (vhost.reuseport && !(hasPrefix "unix:" addr)) "reuseport "
          + optionalString proxyProtocol "proxy_protocol "
          + optionalString (extraParameters != [ ]) (concatStringsSep " " extraParameters)
          + ";")) ];

      acmeName = if vhost.useACMEHost != null then vhost.useACMEHost else vhost.serverName;
      acmeFrom = at [ (o (if vhost.useACMEHost != null then "useACMEHost" else "enableACME")) ];
      fallbackFrom = at [ (o "acmeFallbackHost") ];
      acmeLocation = optionals
        ((vhost.enableACME || vhost.useACMEHost != null) && certs.${acmeName}.dnsProvider == null) ([
          (line acmeFrom "location ^~ /.well-known/acme-challenge/ {")
        ]
        ++ lineIf (vhost.acmeFallbackHost != null) fallbackFrom "try_files $uri @acme-fallback;"
        ++ lineIf (vhost.acmeRoot != null) (at [ (o "acmeRoot") ]) "root ${vhost.acmeRoot};"
        ++ map (line acmeFrom) [ "auth_basic off;" "auth_request off;" "}" ]
        ++ optionals (vhost.acmeFallbackHost != null) (map (line fallbackFrom) [
          "location @acme-fallback {"
          "auth_basic off;"
          "auth_request off;"
          "proxy_pass http://${vhost.acmeFallbackHost};"
          "proxy_set_header Host $host;"
          "}"
        ]));

      # (`vhost.serverName` is resolved above: the option may be null.)
      nameFrom = at ([ (if cfg.virtualHosts.${vhostName}.serverName != null then o "serverName" else here) ]
        ++ optional (vhost.serverAliases != [ ]) (o "serverAliases"));
      namesLine = line nameFrom "server_name ${vhost.serverName} ${concatStringsSep " " vhost.serverAliases};";
      forceFrom = at [ (o "forceSSL") ];
      # The certificate files of a host that asks ACME for them.
      sslFiles = if vhost.enableACME || vhost.useACMEHost != null then acmeFrom.options else [ ];
    in
    optionals vhost.forceSSL (
      [ (line forceFrom "server {") ]
      ++ lib.concatMap listenLines redirectListen
      ++ [
        namesLine
        (line forceFrom "location / {")
        (line (at [ (o "forceSSL") (o "redirectCode") ]) "return ${toString vhost.redirectCode} https://$host$request_uri;")
        (line forceFrom "}")
      ]
      ++ acmeLocation
      ++ [ (line forceFrom "}") ])
    ++ [ (line (at [ here ]) "server {") ]
    ++ lib.concatMap listenLines hostListen
    ++ [ namesLine ]
    ++ lineIf (hasSSL && vhost.http2 && !oldHTTP2) (at [ (o "http2") ]) "http2 on;"
    ++ optionals (hasSSL && vhost.quic) [
      (line (at [ (o "http3") ]) "http3 ${if vhost.http3 then "on" else "off"};")
      (line (at [ (o "http3_hq") ]) "http3_hq ${if vhost.http3_hq then "on" else "off"};")
    ]
    ++ optionals hasSSL [
      (line (at (if sslFiles != [ ] then sslFiles else [ (o "sslCertificate") ])) "ssl_certificate ${vhost.sslCertificate};")
      (line (at (if sslFiles != [ ] then sslFiles else [ (o "sslCertificateKey") ])) "ssl_certificate_key ${vhost.sslCertificateKey};")
    ]
    ++ lineIf (hasSSL && vhost.sslTrustedCertificate != null)
      (at ([ (o "sslTrustedCertificate") ] ++ sslFiles)) "ssl_trusted_certificate ${vhost.sslTrustedCertificate};"
    ++ lineIf vhost.rejectSSL (at [ (o "rejectSSL") ]) "ssl_reject_handshake on;"
    ++ lineIf (hasSSL && vhost.kTLS) (at [ (o "kTLS") ]) "ssl_conf_command Options KTLS;"
    ++ basicAuth here vhostName vhost
    ++ lineIf (vhost.root != null) (at [ (o "root") ]) "root ${vhost.root};"
    ++ optionals (vhost.globalRedirect != null) [
      (line (at [ (o "globalRedirect") ]) "location / {")
      (line (at [ (o "globalRedirect") (o "redirectCode") ])
        "return ${toString vhost.redirectCode} http${optionalString hasSSL "s"}://${vhost.globalRedirect}$request_uri;")
      (line (at [ (o "globalRedirect") ]) "}")
    ]
    ++ acmeLocation
    ++ locations here vhost.locations
    ++ [ (line (at [ (o "extraConfig") ]) vhost.extraConfig) (line (at [ here ]) "}") ];

  servers = lib.concatLists (mapAttrsToList server virtualHosts);

  # A block of lines that one option switches on.
  block = name: map (line (at [ (opt name) ]));

  commonHttp = [
    (line (nixos "a comment") "# Load mime types and configure maximum size of the types hash tables.")
    (line (at [ (opt "defaultMimeTypes") ]) "include ${cfg.defaultMimeTypes};")
    (line (at [ (opt "typesHashMaxSize") ]) "types_hash_max_size ${toString cfg.typesHashMaxSize};")
    (line (atWithNote [ (opt "package") ] "included by NixOS's nginx module") "include ${cfg.package}/conf/fastcgi.conf;")
    (line (atWithNote [ (opt "package") ] "included by NixOS's nginx module") "include ${cfg.package}/conf/uwsgi_params;")
    (line (nixos "the default MIME type") "default_type application/octet-stream;")
  ];

  r = cfg.resolver;
  httpFrom = nixos "the http block";
  upgradeFrom = nixos "the variable WebSocket proxying uses";

  httpBlock = [ (line httpFrom "http {") ]
    ++ commonHttp
    ++ lineIf (r.addresses != [ ]) (at [ (opt "resolver") ])
      "resolver ${toString r.addresses} ${optionalString (r.valid != "") "valid=${r.valid}"} ${optionalString (!r.ipv4) "ipv4=off"} ${optionalString (!r.ipv6) "ipv6=off"};"
    ++ upstreams
    ++ optionals cfg.recommendedOptimisation (block "recommendedOptimisation" [
      "# optimisation"
      "sendfile on;"
      "tcp_nopush on;"
      "tcp_nodelay on;"
      "keepalive_timeout 65;"
    ])
    ++ [ (line (at [ (opt "sslProtocols") ]) "ssl_protocols ${cfg.sslProtocols};") ]
    ++ lineIf (cfg.sslCiphers != null) (at [ (opt "sslCiphers") ])
      "ssl_ciphers ${if builtins.isList cfg.sslCiphers then concatStringsSep ":" cfg.sslCiphers else cfg.sslCiphers};"
    ++ optionals cfg.recommendedTlsSettings (block "recommendedTlsSettings" [
      "# Consider https://ssl-config.mozilla.org/#server=nginx&config=intermediate as the lower bound"
      "ssl_conf_command Groups \"X25519MLKEM768:X25519:P-256:P-384\";"
      "ssl_session_timeout 1d;"
      "ssl_session_cache shared:SSL:10m;"
      "# Breaks forward secrecy: https://github.com/mozilla/server-side-tls/issues/135"
      "ssl_session_tickets off;"
      "# We don't enable insecure ciphers by default, so this allows"
      "# clients to pick the most performant, per https://github.com/mozilla/server-side-tls/issues/260"
      "ssl_prefer_server_ciphers off;"
    ])
    ++ optionals cfg.recommendedBrotliSettings (block "recommendedBrotliSettings" [
      "brotli on;"
      "brotli_static on;"
      "brotli_comp_level 5;"
      "brotli_window 512k;"
      "brotli_min_length 256;"
      "brotli_types ${compressedTypes};"
    ])
    ++ optionals cfg.recommendedGzipSettings (block "recommendedGzipSettings" [
      "gzip on;"
      "gzip_static on;"
      "gzip_vary on;"
      "gzip_comp_level 5;"
      "gzip_min_length 256;"
      "gzip_proxied expired no-cache no-store private auth;"
      "gzip_types ${compressedTypes};"
    ])
    ++ optionals cfg.experimentalZstdSettings (block "experimentalZstdSettings" [
      "zstd on;"
      "zstd_comp_level 9;"
      "zstd_min_length 256;"
      "zstd_static on;"
      "zstd_types ${compressedTypes};"
    ])
    ++ optionals cfg.recommendedProxySettings (block "recommendedProxySettings" [
      "proxy_redirect          off;"
      "proxy_connect_timeout   ${cfg.proxyTimeout};"
      "proxy_send_timeout      ${cfg.proxyTimeout};"
      "proxy_read_timeout      ${cfg.proxyTimeout};"
      "proxy_http_version      1.1;"
      "# don't let clients close the keep-alive connection to upstream. See the nginx blog for details:"
      "# https://www.nginx.com/blog/avoiding-top-10-nginx-configuration-mistakes/#no-keepalives"
      "proxy_set_header        \"Connection\" \"\";"
      "include ${recommendedProxyConfig};"
    ])
    ++ optionals cfg.recommendedUwsgiSettings (block "recommendedUwsgiSettings" [
      "uwsgi_connect_timeout   ${cfg.uwsgiTimeout};"
      "uwsgi_send_timeout      ${cfg.uwsgiTimeout};"
      "uwsgi_read_timeout      ${cfg.uwsgiTimeout};"
      "uwsgi_param             HTTP_CONNECTION \"\";"
      "include ${cfg.package}/conf/uwsgi_params;"
    ])
    ++ lineIf (cfg.mapHashBucketSize != null) (at [ (opt "mapHashBucketSize") ])
      "map_hash_bucket_size ${toString cfg.mapHashBucketSize};"
    ++ lineIf (cfg.mapHashMaxSize != null) (at [ (opt "mapHashMaxSize") ]) "map_hash_max_size ${toString cfg.mapHashMaxSize};"
    ++ lineIf (cfg.serverNamesHashBucketSize != null) (at [ (opt "serverNamesHashBucketSize") ])
      "server_names_hash_bucket_size ${toString cfg.serverNamesHashBucketSize};"
    ++ lineIf (cfg.serverNamesHashMaxSize != null) (at [ (opt "serverNamesHashMaxSize") ])
      "server_names_hash_max_size ${toString cfg.serverNamesHashMaxSize};"
    ++ map (line upgradeFrom) [
      "# $connection_upgrade is used for websocket proxying"
      "map $http_upgrade $connection_upgrade {"
      "default upgrade;"
      "''      close;"
      "}"
    ]
    ++ [
      (line (at [ (opt "clientMaxBodySize") ]) "client_max_body_size ${cfg.clientMaxBodySize};")
      (line (at [ (opt "serverTokens") ]) "server_tokens ${if cfg.serverTokens then "on" else "off"};")
      (line (at [ (opt "commonHttpConfig") ]) cfg.commonHttpConfig)
    ]
    ++ proxyCachePaths
    ++ servers
    ++ [ (line (at [ (opt "appendHttpConfig") ]) cfg.appendHttpConfig) (line httpFrom "}") ];

  lines =
    [ (line (at [ (opt "prependConfig") ]) cfg.prependConfig)
      (line (nixos "where nginx writes its process id") "pid /run/nginx/nginx.pid;")
      (line (at [ (opt "logError") ]) "error_log ${cfg.logError};")
      (line (nixos "nginx runs in the foreground, under systemd") "daemon off;")
    ]
    ++ lineIf cfg.enableQuicBPF (at [ (opt "enableQuicBPF") ]) "quic_bpf on;"
    ++ [ (line (at [ (opt "config") ]) cfg.config) ]
    ++ optionals (cfg.eventsConfig != "" || cfg.config == "") [
      (line (nixos "the events block") "events {")
      (line (at [ (opt "eventsConfig") ]) cfg.eventsConfig)
      (line (nixos "the events block") "}")
    ]
    ++ optionals (cfg.httpConfig == "" && cfg.config == "") httpBlock
    ++ optionals (cfg.httpConfig != "") ([ (line httpFrom "http {") ] ++ commonHttp ++ [
      (line (at [ (opt "httpConfig") ]) cfg.httpConfig)
      (line httpFrom "}")
    ])
    ++ optionals (cfg.streamConfig != "") [
      (line (at [ (opt "streamConfig") ]) "stream {")
      (line (at [ (opt "streamConfig") ]) cfg.streamConfig)
      (line (at [ (opt "streamConfig") ]) "}")
    ]
    ++ [ (line (at [ (opt "appendConfig") ]) cfg.appendConfig) ];

  formatted = format.layout lines;
in
{
  # The formatted lines of nginx.conf, each `{ text; from; }`.
  lines = formatted;
  # The formatted text of nginx.conf.
  text = format.text formatted;
  inherit recommendedProxyConfig;
}
