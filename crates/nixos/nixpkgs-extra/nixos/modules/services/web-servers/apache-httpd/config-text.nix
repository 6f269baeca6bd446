# The text of httpd.conf, as NixOS's apache-httpd module writes it: the
# server's settings, the modules it loads (those httpd cannot run without,
# then the ones the hosts need, then extraModules), logging, MIME types,
# TLS, the defaults denying everything but the store, extraConfig, then
# one <VirtualHost> per host and address kind (plain, then TLS).
#
# { lib, pkgs, cfg, hostName, certs } -> { text; listens; hosts; }
{ lib, pkgs, cfg, hostName, certs }:

let
  inherit (lib) optional optionals optionalString concatMapStrings concatMapStringsSep concatStringsSep;

  pkg = cfg.package.out;
  runtimeDir = "/run/httpd";
  hosts = builtins.attrValues cfg.virtualHosts;

  # The addresses of a host: `listen`, else those its TLS options choose.
  listensOf = host:
    if host.listen != [ ] then host.listen
    else optionals (host.onlySSL || host.addSSL || host.forceSSL) (map (ip: { inherit ip; port = 443; ssl = true; }) host.listenAddresses)
      ++ optionals (!host.onlySSL) (map (ip: { inherit ip; port = 80; ssl = false; }) host.listenAddresses);

  listens = lib.unique (lib.concatMap listensOf hosts);

  # The modules httpd needs to run, in NixOS's order, then those the hosts
  # call for and extraModules; names or { name; path; }.
  modules = [ "authn_core" "authz_core" "log_config" "mime" "autoindex" "negotiation" "dir" "alias" "rewrite" "unixd"
    "slotmem_shm" "socache_shmcb" "mpm_${cfg.mpm}" ]
    ++ [ (if cfg.mpm == "prefork" then "cgi" else "cgid") ]
    ++ optional (builtins.any (h: h.http2) hosts) "http2"
    ++ optional (builtins.any (l: l.ssl) listens) "ssl"
    ++ optional (builtins.any (h: h.enableUserDir) hosts) "userdir"
    ++ optional cfg.enableMellon { name = "auth_mellon"; path = "${pkgs.apacheHttpdPackages.mod_auth_mellon}/modules/mod_auth_mellon.so"; }
    ++ optional cfg.enablePHP { name = "php"; path = "${cfg.phpPackage}/modules/libphp.so"; }
    ++ optional cfg.enablePerl { name = "perl"; path = "${pkgs.apacheHttpdPackages.mod_perl}/modules/mod_perl.so"; }
    ++ cfg.extraModules;

  loadModule = m:
    let module = if builtins.isString m then { name = m; path = "${pkg}/modules/mod_${m}.so"; } else { inherit (m) name path; }; in
    "LoadModule ${module.name}_module ${module.path}";

  namedFormats = [ "combined" "common" "referer" "agent" ];

  logging = ''
    ErrorLog ${if cfg.logFormat != "none" then "${cfg.logDir}/error.log" else "/dev/null"}
    ${optionalString (cfg.logLevel != null) "LogLevel ${cfg.logLevel}"}

    LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"" combined
    LogFormat "%h %l %u %t \"%r\" %>s %b" common
    LogFormat "%{Referer}i -> %U" referer
    LogFormat "%{User-agent}i" agent

    ${optionalString (cfg.logFormat != "none") (if builtins.elem cfg.logFormat namedFormats then ''
      CustomLog ${cfg.logDir}/access.log ${cfg.logFormat}
    '' else ''
      LogFormat "${cfg.logFormat}" custom
      CustomLog ${cfg.logDir}/access.log custom
    '')}
  '';

  browserMatches = ''
    <IfModule mod_setenvif.c>
        BrowserMatch "Mozilla/2" nokeepalive
        BrowserMatch "MSIE 4\.0b2;" nokeepalive downgrade-1.0 force-response-1.0
        BrowserMatch "RealPlayer 4\.0" force-response-1.0
        BrowserMatch "Java/1\.0" force-response-1.0
        BrowserMatch "JDK/1\.0" force-response-1.0
        BrowserMatch "Microsoft Data Access Internet Publishing Provider" redirect-carefully
        BrowserMatch "^WebDrive" redirect-carefully
        BrowserMatch "^WebDAVFS/1.[012]" redirect-carefully
        BrowserMatch "^gnome-vfs" redirect-carefully
    </IfModule>
  '';

  tls = ''
    <IfModule mod_ssl.c>
        SSLSessionCache shmcb:${runtimeDir}/ssl_scache(512000)

        Mutex posixsem

        SSLRandomSeed startup builtin
        SSLRandomSeed connect builtin

        SSLProtocol ${cfg.sslProtocols}
        SSLCipherSuite ${cfg.sslCiphers}
        SSLHonorCipherOrder on
    </IfModule>
  '';

  mime = ''
    TypesConfig ${pkg}/conf/mime.types

    AddType application/x-x509-ca-cert .crt
    AddType application/x-pkcs7-crl    .crl
    AddType application/x-httpd-php    .php .phtml

    <IfModule mod_mime_magic.c>
        MIMEMagicFile ${pkg}/conf/magic
    </IfModule>
  '';

  lua =
    let version = cfg.package.lua5.lua.luaversion or cfg.package.lua5.luaversion; in
    ''
      <IfModule mod_lua.c>
        LuaPackageCPath ${cfg.package.lua5}/lib/lua/${version}/?.so
        LuaPackagePath  ${cfg.package.lua5}/share/lua/${version}/?.lua
      </IfModule>
    '';

  # The part of a host's block that does not depend on TLS.
  hostBody = host:
    let
      root = if host.documentRoot != null then host.documentRoot else pkgs.emptyDirectory;
      location = l: ''
        <Location ${l.location}>
          ${optionalString (l.proxyPass != null) ''
            <IfModule mod_proxy.c>
                ProxyPass ${l.proxyPass}
                ProxyPassReverse ${l.proxyPass}
            </IfModule>
          ''}
          ${optionalString (l.index != null) ''
            <IfModule mod_dir.c>
                DirectoryIndex ${l.index}
            </IfModule>
          ''}
          ${optionalString (l.alias != null) ''
            <IfModule mod_alias.c>
                Alias "${l.alias}"
            </IfModule>
          ''}
          ${l.extraConfig}
        </Location>
      '';
      byPriority = lib.sort (a: b: a.priority < b.priority) (lib.mapAttrsToList (path: l: l // { location = path; }) host.locations);
      servedDir = d: ''
        Alias ${d.urlPath} ${d.dir}/
        <Directory ${d.dir}>
            Options +Indexes
            Require all granted
            AllowOverride All
        </Directory>
      '';
    in
    ''
      ${optionalString cfg.logPerVirtualHost ''
        ErrorLog ${cfg.logDir}/error-${host.hostName}.log
        CustomLog ${cfg.logDir}/access-${host.hostName}.log ${host.logFormat}
      ''}

      ${optionalString (host.robotsEntries != "") ''
        Alias /robots.txt ${pkgs.writeText "robots.txt" host.robotsEntries}
      ''}

      DocumentRoot "${root}"

      <Directory "${root}">
          Options Indexes FollowSymLinks
          AllowOverride None
          Require all granted
      </Directory>

      ${optionalString host.enableUserDir ''
        UserDir public_html
        UserDir disabled root
        <Directory "/home/*/public_html">
            AllowOverride FileInfo AuthConfig Limit Indexes
            Options MultiViews Indexes SymLinksIfOwnerMatch IncludesNoExec
            <Limit GET POST OPTIONS>
                Require all granted
            </Limit>
            <LimitExcept GET POST OPTIONS>
                Require all denied
            </LimitExcept>
        </Directory>
      ''}

      ${optionalString (host.globalRedirect != null && host.globalRedirect != "") ''
        RedirectPermanent / ${host.globalRedirect}
      ''}

      ${concatMapStrings servedDir host.servedDirs}

      ${concatStringsSep "\n" (map location byPriority)}
      ${host.extraConfig}
    '';

  # A host's <VirtualHost> blocks: plain addresses, then TLS ones.
  hostBlocks = host:
    let
      admin = if host.adminAddr != null then host.adminAddr else cfg.adminAddr;
      all = listensOf host;
      plain = builtins.filter (l: !l.ssl) all;
      secure = builtins.filter (l: l.ssl) all;
      addresses = concatMapStringsSep " " (l: "${l.ip}:${toString l.port}");
      acme = host.enableACME || host.useACMEHost != null;
      certDir =
        if host.enableACME then certs.${host.hostName}.directory
        else if host.useACMEHost != null then certs.${host.useACMEHost}.directory
        else abort "no certificate folder without ACME";
      cert = if acme then "${certDir}/fullchain.pem" else host.sslServerCert;
      key = if acme then "${certDir}/key.pem" else host.sslServerKey;
      chain = if acme then "${certDir}/chain.pem" else host.sslServerChain;
      challenge = optionalString (acme && host.acmeRoot != null) ''
        Alias /.well-known/acme-challenge/ "${host.acmeRoot}/.well-known/acme-challenge/"
        <Directory "${host.acmeRoot}">
            AllowOverride None
            Options MultiViews Indexes SymLinksIfOwnerMatch IncludesNoExec
            Require method GET POST OPTIONS
            Require all granted
        </Directory>
      '';
      aliases = concatMapStrings (alias: "ServerAlias ${alias}\n") host.serverAliases;
      adminLine = optionalString (admin != null) "ServerAdmin ${admin}";
    in
    optionalString (plain != [ ]) ''
      <VirtualHost ${addresses plain}>
          ServerName ${host.hostName}
          ${aliases}
          ${adminLine}
          <IfModule mod_ssl.c>
              SSLEngine off
          </IfModule>
          ${challenge}
          ${if host.forceSSL then ''
            <IfModule mod_rewrite.c>
                RewriteEngine on
                RewriteCond %{REQUEST_URI} !^/.well-known/acme-challenge [NC]
                RewriteCond %{HTTPS} off
                RewriteRule (.*) https://%{HTTP_HOST}%{REQUEST_URI}
            </IfModule>
          '' else hostBody host}
      </VirtualHost>
    ''
    + optionalString (secure != [ ]) ''
      <VirtualHost ${addresses secure}>
          ServerName ${host.hostName}
          ${aliases}
          ${adminLine}
          SSLEngine on
          SSLCertificateFile ${cert}
          SSLCertificateKeyFile ${key}
          ${optionalString (chain != null) "SSLCertificateChainFile ${chain}"}
          ${optionalString host.http2 "Protocols h2 h2c http/1.1"}
          ${challenge}
          ${hostBody host}
      </VirtualHost>
    '';
in
{
  inherit listens hosts listensOf;
  text = ''

    ServerRoot ${pkg}
    ServerName ${hostName}
    DefaultRuntimeDir ${runtimeDir}/runtime

    PidFile ${runtimeDir}/httpd.pid

    ${optionalString (cfg.mpm != "prefork") ''
      # mod_cgid requires this.
      ScriptSock ${runtimeDir}/cgisock
    ''}

    <IfModule prefork.c>
        MaxClients           ${toString cfg.maxClients}
        MaxRequestsPerChild  ${toString cfg.maxRequestsPerChild}
    </IfModule>

    ${concatStringsSep "\n" (lib.unique (map (l: "Listen ${l.ip}:${toString l.port} ${if l.ssl then "https" else "http"}") listens))}

    User ${cfg.user}
    Group ${cfg.group}

    ${concatStringsSep "\n" (map loadModule (lib.unique modules))}

    AddHandler type-map var

    <Files ~ "^\.ht">
        Require all denied
    </Files>

    ${mime}
    ${logging}
    ${browserMatches}

    Include ${pkg}/conf/extra/httpd-default.conf
    Include ${pkg}/conf/extra/httpd-autoindex.conf
    Include ${pkg}/conf/extra/httpd-multilang-errordoc.conf
    Include ${pkg}/conf/extra/httpd-languages.conf

    TraceEnable off

    ${tls}

    ${optionalString cfg.package.luaSupport lua}

    # Fascist default - deny access to everything.
    <Directory />
        Options FollowSymLinks
        AllowOverride None
        Require all denied
    </Directory>

    # But do allow access to files in the store so that we don't have
    # to generate <Directory> clauses for every generated file that we
    # want to serve.
    <Directory /nix/store>
        Require all granted
    </Directory>

    ${cfg.extraConfig}

    ${concatMapStringsSep "\n" hostBlocks hosts}
  '';
}
