# The options of services.nginx.virtualHosts.<name>.locations.<path>.
{ lib, config }:

let inherit (lib) mkOption types; in
{ ... }: {
  options = {
    basicAuth = mkOption {
      type = types.attrsOf types.str;
      default = { };
      example = { user = "password"; };
      description = ''
        Users and passwords allowed into this location with HTTP basic
        authentication. The passwords end up readable in the Nix store.
      '';
    };

    basicAuthFile = mkOption {
      type = types.nullOr types.path;
      default = null;
      description = "An htpasswd file of users allowed into this location (kept out of the store).";
    };

    proxyPass = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "http://www.example.org/";
      description = ''
        The URL requests are proxied to (`proxy_pass`); with
        `recommendedProxySettings`, the usual forwarding headers are added.
      '';
    };

    proxyWebsockets = mkOption {
      type = types.bool;
      default = false;
      example = true;
      description = "Whether to pass WebSocket upgrades through to the proxied server (HTTP/1.1 with Upgrade headers).";
    };

    uwsgiPass = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "unix:/run/example/example.sock";
      description = "The uwsgi server requests are passed to (`uwsgi_pass`).";
    };

    index = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "index.php index.html";
      description = "The files tried as the index of a folder (`index`).";
    };

    tryFiles = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "$uri =404";
      description = "The files tried in order for a request (`try_files`).";
    };

    root = mkOption {
      type = types.nullOr types.path;
      default = null;
      example = "/your/root/directory";
      description = "The folder requests are served from, the location appended (`root`).";
    };

    alias = mkOption {
      type = types.nullOr types.path;
      default = null;
      example = "/your/alias/directory";
      description = "The folder that replaces the location's path in requests (`alias`).";
    };

    return = mkOption {
      type = types.nullOr (types.oneOf [ types.str types.int ]);
      default = null;
      example = "301 http://example.com$request_uri";
      description = "A response or redirection returned for every request (`return`).";
    };

    fastcgiParams = mkOption {
      type = types.attrsOf (types.either types.str types.path);
      default = { };
      description = "FastCGI parameters; when set, NixOS' defaults are added for the others.";
    };

    extraConfig = mkOption {
      type = types.lines;
      default = "";
      description = "Lines added verbatim at the end of the location block.";
    };

    priority = mkOption {
      type = types.int;
      default = 1000;
      description = ''
        Where this location comes among the host's locations: smaller
        numbers first (like `lib.mkOrder`).
      '';
    };

    recommendedProxySettings = mkOption {
      type = types.bool;
      default = config.services.nginx.recommendedProxySettings;
      defaultText = lib.literalExpression "config.services.nginx.recommendedProxySettings";
      description = "Whether to add the recommended proxy headers to this location.";
    };

    recommendedUwsgiSettings = mkOption {
      type = types.bool;
      default = config.services.nginx.recommendedUwsgiSettings;
      defaultText = lib.literalExpression "config.services.nginx.recommendedUwsgiSettings";
      description = "Whether to add the recommended uwsgi parameters to this location.";
    };
  };
}
