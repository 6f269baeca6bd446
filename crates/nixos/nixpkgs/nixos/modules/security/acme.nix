# security.acme: certificates from an ACME server (Let's Encrypt), as far
# as nginx's `enableACME` and `useACMEHost` need them: the options, and
# the certificate folders under /var/lib/acme.
{ config, lib, ... }:

let
  inherit (lib) mkOption types;
  cfg = config.security.acme;

  certOptions = { name, ... }: {
    options = {
      domain = mkOption { type = types.str; default = name; description = "The certificate's main domain name (the attribute name by default)."; };
      extraDomainNames = mkOption { type = types.listOf types.str; default = [ ]; description = "More domain names the certificate covers."; };
      directory = mkOption { type = types.str; readOnly = true; default = "/var/lib/acme/${name}"; description = "The folder holding the certificate files."; };
      webroot = mkOption { type = types.nullOr types.str; default = cfg.defaults.webroot; description = "The folder HTTP-01 challenges are written to; null to use another method."; };
      dnsProvider = mkOption { type = types.nullOr types.str; default = cfg.defaults.dnsProvider; description = "The lego DNS provider for DNS-01 challenges; null for HTTP-01."; };
      email = mkOption { type = types.nullOr types.str; default = cfg.defaults.email; description = "The account's contact email."; };
      group = mkOption { type = types.str; default = cfg.defaults.group; description = "The group that may read the certificate."; };
      reloadServices = mkOption { type = types.listOf types.str; default = [ ]; description = "Services reloaded when the certificate is renewed."; };
    };
  };
in
{
  options.security.acme = {
    acceptTerms = mkOption {
      type = types.bool;
      default = false;
      description = "Whether you accept the certificate authority's terms of service.";
    };
    defaults = {
      email = mkOption { type = types.nullOr types.str; default = null; description = "The default contact email of certificates."; };
      webroot = mkOption { type = types.nullOr types.str; default = null; description = "The default HTTP-01 challenge folder."; };
      dnsProvider = mkOption { type = types.nullOr types.str; default = null; description = "The default lego DNS provider."; };
      group = mkOption { type = types.str; default = "acme"; description = "The default group of certificates."; };
      server = mkOption { type = types.nullOr types.str; default = null; description = "The ACME server; null for Let's Encrypt's production server."; };
    };
    certs = mkOption {
      type = types.attrsOf (types.submodule certOptions);
      default = { };
      description = "The certificates to get and renew, by name.";
    };
  };

  config = lib.mkIf (cfg.certs != { }) {
    assertions = [
      {
        assertion = cfg.acceptTerms;
        message = ''
          You must accept the CA's terms of service before using
          the ACME module by setting `security.acme.acceptTerms`
          to `true`. For Let's Encrypt's ToS see https://letsencrypt.org/repository/
        '';
      }
    ] ++ lib.mapAttrsToList (name: cert: {
      assertion = cert.email != null;
      message = ''
        You must define `security.acme.certs.<name>.email` or
        `security.acme.defaults.email` to register with the CA. Note that using
        many different addresses for certs may trigger account rate limits.
      '';
    }) cfg.certs;

    users.users.acme = { home = "/var/lib/acme"; uid = config.ids.uids.acme; group = "acme"; isSystemUser = true; };
    users.groups.acme.gid = config.ids.gids.acme;
  };
}
