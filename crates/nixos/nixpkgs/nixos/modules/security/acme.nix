# security.acme: certificates from an ACME server (Let's Encrypt by
# default) through lego. This file declares the options and checks them;
# the units current NixOS creates for each certificate are written by
# acme-units.nix, one of the files the browser loads after the first
# outputs (crates/nixos/src/extra.rs).
{ config, lib, ... }:

let
  inherit (lib) mkOption types;
  cfg = config.security.acme;

  # Options a certificate takes from `security.acme.defaults` unless
  # `inheritDefaults` is false.
  inheritable = isDefaults: { config, ... }:
    let
      opt = name: fallback: type: description: extra: mkOption ({
        inherit type description;
        default = if isDefaults || !config.inheritDefaults then fallback else cfg.defaults.${name};
        defaultText = if isDefaults then fallback else lib.literalExpression "config.security.acme.defaults.${name}";
      } // extra);
      str = types.nullOr types.str;
    in
    {
      options = {
        validMinDays = opt "validMinDays" 30 types.int "Days of validity left below which the certificate is renewed." { };
        renewInterval = opt "renewInterval" "daily" types.str "When to check for renewal (a systemd calendar expression)." { };
        enableDebugLogs = opt "enableDebugLogs" true types.bool "Whether to enable debug logging for this certificate." { example = true; };
        webroot = opt "webroot" null str "The web root whose `.well-known/acme-challenge/` serves HTTP-01 challenges." { example = "/var/lib/acme/acme-challenge"; };
        server = opt "server" "https://acme-v02.api.letsencrypt.org/directory" str "The ACME directory URL (Let's Encrypt production by default)."
          { example = "https://acme-staging-v02.api.letsencrypt.org/directory"; };
        email = opt "email" null str "The contact address of the ACME account." { };
        group = opt "group" "acme" types.str "The group that may read the certificate files." { };
        reloadServices = opt "reloadServices" [ ] (types.listOf types.str) "Services reloaded (or restarted) when a new certificate arrives." { };
        postRun = opt "postRun" "" types.lines "Commands run as root in the certificate's folder after a new certificate arrives." { example = "cp full.pem backup.pem"; };
        keyType = opt "keyType" "ec256" types.str "The type of the private key (lego's `--key-type`)." { };
        listenHTTP = opt "listenHTTP" null str "`[INTERFACE]:PORT` on which lego itself answers HTTP-01 challenges." { example = ":1360"; };
        dnsProvider = opt "dnsProvider" null str "The lego DNS provider for DNS-01 challenges." { example = "route53"; };
        dnsResolver = opt "dnsResolver" null str "The resolver (`host:port`) lego queries for DNS-01." { example = "1.1.1.1:53"; };
        environmentFile = opt "environmentFile" null (types.nullOr types.path) "An EnvironmentFile for the DNS provider's credentials." { };
        credentialFiles = opt "credentialFiles" { } (types.attrsOf types.path) "`*_FILE` variables passed to lego as systemd credentials." { };
        dnsPropagationCheck = opt "dnsPropagationCheck" true types.bool "Whether lego checks that DNS-01 records have propagated." { };
        ocspMustStaple = opt "ocspMustStaple" false types.bool "Whether to request the OCSP Must-Staple extension." { };
        profile = opt "profile" null str "The certificate profile, when the CA offers several." { };
        extraLegoFlags = opt "extraLegoFlags" [ ] (types.listOf types.str) "Extra global flags of every lego command." { };
        extraLegoRenewFlags = opt "extraLegoRenewFlags" [ ] (types.listOf types.str) "Extra flags of `lego renew`." { };
        extraLegoRunFlags = opt "extraLegoRunFlags" [ ] (types.listOf types.str) "Extra flags of `lego run`." { };
      };
    };

  certOnly = { name, ... }: {
    options = {
      directory = mkOption { type = types.str; readOnly = true; default = "/var/lib/acme/${name}"; description = "The folder holding the certificate files."; };
      domain = mkOption { type = types.str; default = name; description = "The certificate's main domain (the attribute name by default)."; };
      csr = mkOption { type = types.nullOr types.str; default = null; description = "A certificate signing request to use."; };
      csrKey = mkOption { type = types.nullOr types.str; default = null; description = "The private key of `csr`."; };
      extraDomainNames = mkOption {
        type = types.listOf types.str;
        default = [ ];
        example = lib.literalExpression ''[ "example.org" "mydomain.org" ]'';
        description = "More domain names the same certificate covers.";
      };
      s3Bucket = mkOption { type = types.nullOr types.str; default = null; example = "acme"; description = "An S3 bucket HTTP-01 challenges are written to."; };
      inheritDefaults = mkOption { type = types.bool; default = true; example = true; description = "Whether unset options take `security.acme.defaults`."; };
    };
  };
in
{
  # Options of older releases: removed ones fail with instructions, changed
  # ones move (with a warning) to `security.acme.defaults`.
  imports =
    map (o: lib.mkRemovedOptionModule [ "security" "acme" o.name ] o.why) [
      {
        name = "production";
        why = ''
          Use security.acme.server to define your staging ACME server URL instead.

          To use the let's encrypt staging server, use security.acme.server =
          "https://acme-staging-v02.api.letsencrypt.org/directory".
        '';
      }
      { name = "directory"; why = "ACME Directory is now hardcoded to /var/lib/acme and its permissions are managed by systemd. See https://github.com/NixOS/nixpkgs/issues/53852 for more info."; }
      { name = "preDelay"; why = "This option has been removed. If you want to make sure that something executes before certificates are provisioned, add a RequiredBy=acme-\${cert}.service and Before=acme-\${cert}.service to the service you want to execute before the cert renewal"; }
      { name = "activationDelay"; why = "This option has been removed. If you want to make sure that something executes before certificates are provisioned, add a RequiredBy=acme-\${cert}.service and Before=acme-\${cert}.service to the service you want to execute before the cert renewal"; }
      { name = "preliminarySelfsigned"; why = "This option has been removed. Preliminary self-signed certificates are now always generated to simplify the dependency structure."; }
    ]
    ++ [ (lib.mkChangedOptionModule [ "security" "acme" "validMin" ] [ "security" "acme" "defaults" "validMinDays" ]
      (config: config.security.acme.validMin / (24 * 3600))) ]
    ++ map (name: lib.mkChangedOptionModule [ "security" "acme" name ] [ "security" "acme" "defaults" name ]
      (config: config.security.acme.${name}))
      [ "validMinDays" "renewInterval" "email" "server" "enableDebugLogs" ];

  options.security.acme = {
    acceptTerms = mkOption {
      type = types.bool;
      default = false;
      description = "Whether you accept the certificate authority's terms of service (Let's Encrypt's: <https://letsencrypt.org/repository/>).";
    };
    useRoot = mkOption {
      type = types.bool;
      default = false;
      description = "Whether the ACME units run as root rather than the acme user (not recommended).";
    };
    defaults = mkOption {
      type = types.submodule (inheritable true);
      description = "Values every certificate takes unless it sets its own (or sets `inheritDefaults = false`).";
    };
    certs = mkOption {
      type = types.attrsOf (types.submodule [ (inheritable false) certOnly ]);
      default = { };
      description = "Certificates to order and renew, by name; each gets `acme-NAME.service` and friends.";
    };
    maxConcurrentRenewals = mkOption {
      type = types.int;
      default = 5;
      description = "How many certificates may be ordered or renewed at once; 0 for no limit.";
    };
  };

  config = lib.mkIf (cfg.certs != { }) {
    assertions =
      [
        {
          assertion = cfg.defaults.email != null || lib.all (c: c.email != null) (builtins.attrValues cfg.certs);
          message = ''
            You must define `security.acme.certs.<name>.email` or
            `security.acme.defaults.email` to register with the CA. Note that using
            many different addresses for certs may trigger account rate limits.
          '';
        }
        {
          assertion = cfg.acceptTerms;
          message = ''
            You must accept the CA's terms of service before using
            the ACME module by setting `security.acme.acceptTerms`
            to `true`. For Let's Encrypt's ToS see https://letsencrypt.org/repository/
          '';
        }
      ]
      ++ lib.concatLists (lib.mapAttrsToList (cert: data:
        let challenges = { inherit (data) dnsProvider webroot listenHTTP s3Bucket; }; in
        [
          {
            assertion = !lib.hasInfix "*" cert;
            message = ''
              The cert option path `security.acme.certs.${cert}.dnsProvider`
              cannot contain a * character.
              Instead, set `security.acme.certs.${cert}.domain = "${cert}";`
              and remove the wildcard from the path.
            '';
          }
          {
            assertion = builtins.length (builtins.filter (x: x != null) (builtins.attrValues challenges)) == 1;
            message = ''
              Exactly one of the options
              `security.acme.certs.${cert}.dnsProvider`,
              `security.acme.certs.${cert}.webroot`,
              `security.acme.certs.${cert}.listenHTTP` and
              `security.acme.certs.${cert}.s3Bucket`
              is required.
              Current values: ${lib.generators.toPretty { } challenges}.
            '';
          }
          {
            assertion = lib.all (lib.hasSuffix "_FILE") (builtins.attrNames data.credentialFiles);
            message = ''
              Option `security.acme.certs.${cert}.credentialFiles` can only be
              used for variables suffixed by "_FILE".
            '';
          }
          {
            assertion = (data.csr == null) == (data.csrKey == null);
            message = ''
              When passing a certificate signing request both `security.acme.certs.${cert}.csr` and `security.acme.certs.${cert}.csrKey` need to be set.
            '';
          }
        ]) cfg.certs);
  };
}
