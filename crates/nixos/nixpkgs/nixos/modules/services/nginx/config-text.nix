# The text of nginx.conf as the NixOS nginx module generates it from
# services.nginx: the main context, events, the http block with the
# recommended* settings, upstreams and one server block per virtual host,
# laid out by format.nix.
{ config, lib, pkgs }:

let
  inherit (lib) optionalString concatStringsSep concatMapStringsSep mapAttrsToList
    filterAttrs optionals optionalAttrs filter hasPrefix;
  cfg = config.services.nginx;
  certs = config.security.acme.certs;
  formatNginxConfig = import ./format.nix { inherit lib; };

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

  upstreams = toString (mapAttrsToList (name: upstream: ''
    upstream ${name} {
    ${toString (mapAttrsToList (server: params: ''
      server ${server} ${concatStringsSep " " (mapAttrsToList upstreamParameter params)};
    '') upstream.servers)}
    ${upstream.extraConfig}
    }
  '') cfg.upstreams);

  proxyCachePaths = concatStringsSep "\n" (mapAttrsToList (name: p: ''
    proxy_cache_path ${concatStringsSep " " [
      "/var/cache/nginx/${name}"
      "keys_zone=${p.keysZoneName}:${p.keysZoneSize}"
      "levels=${p.levels}"
      "use_temp_path=${if p.useTempPath then "on" else "off"}"
      "inactive=${p.inactive}"
      "max_size=${p.maxSize}"
    ]};
  '') (filterAttrs (_: p: p.enable) cfg.proxyCachePath));

  htpasswd = name: users: pkgs.writeText "${name}.htpasswd"
    (concatStringsSep "\n" (mapAttrsToList (user: password: "${user}:{PLAIN}${password}\n") users));

  basicAuth = name: zone: optionalString (zone.basicAuthFile != null || zone.basicAuth != { }) ''
    auth_basic secured;
    auth_basic_user_file ${if zone.basicAuthFile != null then zone.basicAuthFile else htpasswd name zone.basicAuth};
  '';

  # One location block.
  location = loc: ''
    location ${loc.location} {
    ${optionalString (loc.proxyPass != null && !cfg.proxyResolveWhileRunning) "proxy_pass ${loc.proxyPass};"}
    ${optionalString (loc.proxyPass != null && cfg.proxyResolveWhileRunning) ''
      set $nix_proxy_target "${loc.proxyPass}";
      proxy_pass $nix_proxy_target;
    ''}
    ${optionalString loc.proxyWebsockets ''
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
    ''}
    ${optionalString (loc.uwsgiPass != null && !cfg.uwsgiResolveWhileRunning) "uwsgi_pass ${loc.uwsgiPass};"}
    ${optionalString (loc.uwsgiPass != null && cfg.uwsgiResolveWhileRunning) ''
      set $nix_proxy_target "${loc.uwsgiPass}";
      uwsgi_pass $nix_proxy_target;
    ''}
    ${concatStringsSep "\n" (mapAttrsToList (n: v: ''fastcgi_param ${n} "${v}";'')
      (optionalAttrs (loc.fastcgiParams != { }) (defaultFastcgiParams // loc.fastcgiParams)))}
    ${optionalString (loc.index != null) "index ${loc.index};"}
    ${optionalString (loc.tryFiles != null) "try_files ${loc.tryFiles};"}
    ${optionalString (loc.root != null) "root ${loc.root};"}
    ${optionalString (loc.alias != null) "alias ${loc.alias};"}
    ${optionalString (loc.return != null) "return ${toString loc.return};"}
    ${loc.extraConfig}
    ${optionalString (loc.proxyPass != null && loc.recommendedProxySettings) "include ${recommendedProxyConfig};"}
    ${optionalString (loc.uwsgiPass != null && loc.recommendedUwsgiSettings) "include ${cfg.package}/conf/uwsgi_params;"}
    ${basicAuth "sublocation" loc}
    }
  '';

  # The locations of a host, by priority then by name.
  locations = locs: concatStringsSep "\n" (map location
    (builtins.sort (a: b: a.priority < b.priority) (mapAttrsToList (k: v: v // { location = k; }) locs)));

  # The server block(s) of one virtual host.
  server = vhostName: vhost:
    let
      onlySSL = vhost.onlySSL;
      hasSSL = onlySSL || vhost.addSSL || vhost.forceSSL;

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

      hostListen = if vhost.forceSSL then filter (l: l.ssl) defaultListen else defaultListen;
      redirectListen = filter (l: !l.ssl) defaultListen;

      listenLine = { addr, port, ssl, extraParameters ? [ ], proxyProtocol ? false, ... }:
        let
          address = addr + optionalString (port != null) ":${toString port}";
          quicIncompatible = [ "accept_filter" "backlog" "deferred" "fastopen" "http2" "proxy_protocol" "so_keepalive" "ssl" ];
          quicParameters = filter (p: !(builtins.any (q: hasPrefix q p) quicIncompatible)) extraParameters;
        in
        optionalString (ssl && vhost.quic) (
          "\nlisten ${address} quic "
          + optionalString vhost.default "default_server "
          + optionalString (vhost.reuseport && !(hasPrefix "unix:" addr)) "reuseport "
          + optionalString (extraParameters != [ ]) (concatStringsSep " " quicParameters)
          + ";")
        + "\nlisten ${address} "
        + optionalString (ssl && vhost.http2 && oldHTTP2) "http2 "
        + optionalString ssl "ssl "
        + optionalString vhost.default "default_server "
        + optionalString (vhost.reuseport && !(hasPrefix "unix:" addr)) "reuseport "
        + optionalString proxyProtocol "proxy_protocol "
        + optionalString (extraParameters != [ ]) (concatStringsSep " " extraParameters)
        + ";";

      acmeName = if vhost.useACMEHost != null then vhost.useACMEHost else vhost.serverName;
      acmeLocation = optionalString
        ((vhost.enableACME || vhost.useACMEHost != null) && certs.${acmeName}.dnsProvider == null) ''
        location ^~ /.well-known/acme-challenge/ {
        ${optionalString (vhost.acmeFallbackHost != null) "try_files $uri @acme-fallback;"}
        ${optionalString (vhost.acmeRoot != null) "root ${vhost.acmeRoot};"}
        auth_basic off;
        auth_request off;
        }
        ${optionalString (vhost.acmeFallbackHost != null) ''
          location @acme-fallback {
          auth_basic off;
          auth_request off;
          proxy_pass http://${vhost.acmeFallbackHost};
          proxy_set_header Host $host;
          }
        ''}
      '';

      names = "${vhost.serverName} ${concatStringsSep " " vhost.serverAliases}";
    in
    ''
      ${optionalString vhost.forceSSL ''
        server {
        ${concatMapStringsSep "\n" listenLine redirectListen}
        server_name ${names};
        location / {
        return ${toString vhost.redirectCode} https://$host$request_uri;
        }
        ${acmeLocation}
        }
      ''}
      server {
      ${concatMapStringsSep "\n" listenLine hostListen}
      server_name ${names};
      ${optionalString (hasSSL && vhost.http2 && !oldHTTP2) "http2 on;"}
      ${optionalString (hasSSL && vhost.quic) ''
        http3 ${if vhost.http3 then "on" else "off"};
        http3_hq ${if vhost.http3_hq then "on" else "off"};
      ''}
      ${optionalString hasSSL ''
        ssl_certificate ${vhost.sslCertificate};
        ssl_certificate_key ${vhost.sslCertificateKey};
      ''}
      ${optionalString (hasSSL && vhost.sslTrustedCertificate != null) "ssl_trusted_certificate ${vhost.sslTrustedCertificate};"}
      ${optionalString vhost.rejectSSL "ssl_reject_handshake on;"}
      ${optionalString (hasSSL && vhost.kTLS) "ssl_conf_command Options KTLS;"}
      ${basicAuth vhostName vhost}
      ${optionalString (vhost.root != null) "root ${vhost.root};"}
      ${optionalString (vhost.globalRedirect != null) ''
        location / {
        return ${toString vhost.redirectCode} http${optionalString hasSSL "s"}://${vhost.globalRedirect}$request_uri;
        }
      ''}
      ${acmeLocation}
      ${locations vhost.locations}
      ${vhost.extraConfig}
      }
    '';

  servers = concatStringsSep "\n" (mapAttrsToList server virtualHosts);

  commonHttp = ''
    # Load mime types and configure maximum size of the types hash tables.
    include ${cfg.defaultMimeTypes};
    types_hash_max_size ${toString cfg.typesHashMaxSize};
    include ${cfg.package}/conf/fastcgi.conf;
    include ${cfg.package}/conf/uwsgi_params;
    default_type application/octet-stream;
  '';

  r = cfg.resolver;

  httpBlock = ''
    http {
    ${commonHttp}
    ${optionalString (r.addresses != [ ])
      "resolver ${toString r.addresses} ${optionalString (r.valid != "") "valid=${r.valid}"} ${optionalString (!r.ipv4) "ipv4=off"} ${optionalString (!r.ipv6) "ipv6=off"};"}
    ${upstreams}
    ${optionalString cfg.recommendedOptimisation ''
      # optimisation
      sendfile on;
      tcp_nopush on;
      tcp_nodelay on;
      keepalive_timeout 65;
    ''}
    ssl_protocols ${cfg.sslProtocols};
    ${optionalString (cfg.sslCiphers != null)
      "ssl_ciphers ${if builtins.isList cfg.sslCiphers then concatStringsSep ":" cfg.sslCiphers else cfg.sslCiphers};"}
    ${optionalString cfg.recommendedTlsSettings ''
      # Consider https://ssl-config.mozilla.org/#server=nginx&config=intermediate as the lower bound
      ssl_conf_command Groups "X25519MLKEM768:X25519:P-256:P-384";
      ssl_session_timeout 1d;
      ssl_session_cache shared:SSL:10m;
      # Breaks forward secrecy: https://github.com/mozilla/server-side-tls/issues/135
      ssl_session_tickets off;
      # We don't enable insecure ciphers by default, so this allows
      # clients to pick the most performant, per https://github.com/mozilla/server-side-tls/issues/260
      ssl_prefer_server_ciphers off;
    ''}
    ${optionalString cfg.recommendedBrotliSettings ''
      brotli on;
      brotli_static on;
      brotli_comp_level 5;
      brotli_window 512k;
      brotli_min_length 256;
      brotli_types ${compressedTypes};
    ''}
    ${optionalString cfg.recommendedGzipSettings ''
      gzip on;
      gzip_static on;
      gzip_vary on;
      gzip_comp_level 5;
      gzip_min_length 256;
      gzip_proxied expired no-cache no-store private auth;
      gzip_types ${compressedTypes};
    ''}
    ${optionalString cfg.experimentalZstdSettings ''
      zstd on;
      zstd_comp_level 9;
      zstd_min_length 256;
      zstd_static on;
      zstd_types ${compressedTypes};
    ''}
    ${optionalString cfg.recommendedProxySettings ''
      proxy_redirect          off;
      proxy_connect_timeout   ${cfg.proxyTimeout};
      proxy_send_timeout      ${cfg.proxyTimeout};
      proxy_read_timeout      ${cfg.proxyTimeout};
      proxy_http_version      1.1;
      # don't let clients close the keep-alive connection to upstream. See the nginx blog for details:
      # https://www.nginx.com/blog/avoiding-top-10-nginx-configuration-mistakes/#no-keepalives
      proxy_set_header        "Connection" "";
      include ${recommendedProxyConfig};
    ''}
    ${optionalString cfg.recommendedUwsgiSettings ''
      uwsgi_connect_timeout   ${cfg.uwsgiTimeout};
      uwsgi_send_timeout      ${cfg.uwsgiTimeout};
      uwsgi_read_timeout      ${cfg.uwsgiTimeout};
      uwsgi_param             HTTP_CONNECTION "";
      include ${cfg.package}/conf/uwsgi_params;
    ''}
    ${optionalString (cfg.mapHashBucketSize != null) "map_hash_bucket_size ${toString cfg.mapHashBucketSize};"}
    ${optionalString (cfg.mapHashMaxSize != null) "map_hash_max_size ${toString cfg.mapHashMaxSize};"}
    ${optionalString (cfg.serverNamesHashBucketSize != null) "server_names_hash_bucket_size ${toString cfg.serverNamesHashBucketSize};"}
    ${optionalString (cfg.serverNamesHashMaxSize != null) "server_names_hash_max_size ${toString cfg.serverNamesHashMaxSize};"}
    # $connection_upgrade is used for websocket proxying
    map $http_upgrade $connection_upgrade {
    default upgrade;
    '''      close;
    }
    client_max_body_size ${cfg.clientMaxBodySize};
    server_tokens ${if cfg.serverTokens then "on" else "off"};
    ${cfg.commonHttpConfig}
    ${proxyCachePaths}
    ${servers}
    ${cfg.appendHttpConfig}
    }'';

  text = ''
    ${cfg.prependConfig}
    pid /run/nginx/nginx.pid;
    error_log ${cfg.logError};
    daemon off;
    ${optionalString cfg.enableQuicBPF "quic_bpf on;"}
    ${cfg.config}
    ${optionalString (cfg.eventsConfig != "" || cfg.config == "") ''
      events {
      ${cfg.eventsConfig}
      }
    ''}
    ${optionalString (cfg.httpConfig == "" && cfg.config == "") httpBlock}
    ${optionalString (cfg.httpConfig != "") ''
      http {
      ${commonHttp}
      ${cfg.httpConfig}
      }''}
    ${optionalString (cfg.streamConfig != "") ''
      stream {
      ${cfg.streamConfig}
      }
    ''}
    ${cfg.appendConfig}
  '';
in
{
  # The formatted text of nginx.conf.
  text = formatNginxConfig text;
  inherit recommendedProxyConfig;
}
