# security.acme: certificates from an ACME server (Let's Encrypt by
# default) through lego, with the units current NixOS creates:
#   acme-setup.service            shared folders, a local CA for placeholders
#   acme-CERT.service             a self-signed placeholder until the first
#                                 real certificate (what users order after)
#   acme-order-renew-CERT.service lego run/renew, reloading `reloadServices`
#   acme-renew-CERT.timer         daily renewal check
#   acme-account-HASH.target      one leader creates each ACME account
# Files live in /var/lib/acme/CERT (fullchain.pem, key.pem, chain.pem, …).
# This file writes those units and the acme user; acme.nix declares the
# options. The browser loads it after the first outputs (crates/nixos/src/extra.rs).
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption types mkDefault mapAttrs' nameValuePair escapeShellArg escapeShellArgs
    optionalString optionals concatStringsSep;
  cfg = config.security.acme;
  user = if cfg.useRoot then "root" else "acme";

  lockdir = "/run/acme/";
  accountRoot = "/var/lib/acme/.lego/accounts/";

  # First 20 characters of a sha256: names of lego's per-configuration folders.
  shortHash = s: builtins.substring 0 20 (builtins.hashString "sha256" s);
  accountHashOf = data: shortHash "${toString data.server} ${data.keyType} ${data.email}";

  # Every unit runs as the acme user in a tightly sandboxed oneshot.
  sandbox = {
    Type = "oneshot";
    User = user;
    Group = mkDefault "acme";
    UMask = "0022";
    StateDirectoryMode = "750";
    ProtectSystem = "strict";
    ReadWritePaths = [ "/var/lib/acme" lockdir ];
    PrivateTmp = true;
    WorkingDirectory = "/tmp";
    CapabilityBoundingSet = [ "" ];
    DevicePolicy = "closed";
    LockPersonality = true;
    MemoryDenyWriteExecute = true;
    NoNewPrivileges = true;
    PrivateDevices = true;
    ProtectClock = true;
    ProtectHome = true;
    ProtectHostname = true;
    ProtectControlGroups = true;
    ProtectKernelLogs = true;
    ProtectKernelModules = true;
    ProtectKernelTunables = true;
    ProtectProc = "invisible";
    ProcSubset = "pid";
    RemoveIPC = true;
    RestrictAddressFamilies = [ "AF_INET" "AF_INET6" "AF_UNIX" "AF_NETLINK" ];
    RestrictNamespaces = true;
    RestrictRealtime = true;
    RestrictSUIDSGID = true;
    SystemCallArchitectures = "native";
    SystemCallFilter = [ "@system-service @resources" "~@privileged" "@chown" ];
  };

  # `script` run only once one of `maxConcurrentRenewals` lock files is held.
  withRenewalLock = script: ''
    maxConcurrentRenewals=${toString cfg.maxConcurrentRenewals}

    acquireLock() {
      echo "Waiting to acquire lock in ${lockdir}"
      while true; do
        for i in $(seq 1 $maxConcurrentRenewals); do
          exec {LOCKFD}> "${lockdir}/$i.lock"
          if ${pkgs.flock}/bin/flock -n ''${LOCKFD}; then
            return 0
          fi
          exec {LOCKFD}>&-
        done
        sleep 1;
      done
    }

    if [ "$maxConcurrentRenewals" -gt "0" ]; then
      acquireLock
    fi
  '' + script;

  # Owner and modes of output folders; the same in every script.
  fixPermissions = group: ''
    for fixpath in out certificates; do
      if [ -d "$fixpath" ]; then
        chmod -R u=rwX,g=rX,o= "$fixpath"
        chown -R ${user}:${group} "$fixpath"
      fi
    done
  '';

  # Run as root before acme-setup.service: account and certificate folders
  # belong to the acme user with the certificate's group.
  privilegedSetup = pkgs.writeShellScriptBin "acme-setup-privileged" (''
    ${optionalString cfg.defaults.enableDebugLogs "set -x"}
    set -euo pipefail
    cd /var/lib/acme
    chmod -R u=rwX,g=,o= .lego/accounts
    chown -R ${user} .lego/accounts
  '' + concatStringsSep "\n" (lib.mapAttrsToList (cert: data: ''
    for fixpath in ${escapeShellArg cert} .lego/${escapeShellArg cert}; do
      if [ -d "$fixpath" ]; then
        chmod -R u=rwX,g=rX,o= "$fixpath"
        chown -R ${user}:${data.group} "$fixpath"
      fi
    done
  '') cfg.certs));

  setupService = {
    description = "Set up the ACME certificate renewal infrastructure";
    path = [ pkgs.minica ];
    script = lib.mkBefore ''
      ${optionalString cfg.defaults.enableDebugLogs "set -x"}
      set -euo pipefail
      test -e ca/key.pem || minica \
        --ca-key ca/key.pem \
        --ca-cert ca/cert.pem \
        --domains selfsigned.local
    '';
    serviceConfig = sandbox // {
      ExecStartPre = "+${lib.getExe privilegedSetup}";
      RemainAfterExit = true;
      StateDirectory = [ "acme" "acme/.lego" "acme/.lego/accounts" "acme/.minica" ];
      BindPaths = "/var/lib/acme/.minica:/tmp/ca";
      StateDirectoryMode = "0755";
      RuntimeDirectory = "acme";
      RuntimeDirectoryMode = "0700";
      UMask = "0077";
    };
  };

  # The units of one certificate.
  unitsOf = cert: data:
    let
      # lego and minica write `*` as `_` in file names.
      keyName = builtins.replaceStrings [ "*" ] [ "_" ] data.domain;
      domains = [ data.domain ] ++ data.extraDomainNames;
      flagLine = flags: concatStringsSep " " flags + " -\n";
      certDir = shortHash (flagLine data.extraLegoFlags + flagLine data.extraLegoRunFlags + flagLine data.extraLegoRenewFlags
        + "${toString data.server} ${toString data.dnsProvider}\n"
        + "${toString data.ocspMustStaple} ${data.keyType}\n"
        + optionalString (data.csr != null) " - ${data.csr}"
        + optionalString (data.profile != null) " - ${data.profile}");
      domainHash = shortHash "${concatStringsSep " " data.extraDomainNames} ${data.domain}";
      accountHash = accountHashOf data;

      challenge =
        if data.dnsProvider != null then
          [ "--dns" data.dnsProvider ]
          ++ optionals (!data.dnsPropagationCheck) [ "--dns.propagation-disable-ans" ]
          ++ optionals (data.dnsResolver != null) [ "--dns.resolvers" data.dnsResolver ]
        else if data.s3Bucket != null then [ "--http" "--http.s3-bucket" data.s3Bucket ]
        else if data.listenHTTP != null then [ "--http" "--http.port" data.listenHTTP ]
        else [ "--http" "--http.webroot" data.webroot ];
      legoFlags =
        [ "--accept-tos" "--path" "." "--email" data.email ]
        ++ challenge
        ++ optionals (data.server != null) [ "--server" data.server ]
        ++ (if data.csr != null then [ "--csr" data.csr ] else [ "--key-type" data.keyType "-d" data.domain ])
        ++ lib.concatMap (d: [ "-d" d ]) data.extraDomainNames
        ++ data.extraLegoFlags;
      modeFlags = extra:
        optionals data.ocspMustStaple [ "--must-staple" ]
        ++ optionals (data.profile != null) [ "--profile=${data.profile}" ]
        ++ extra;
      runArgs = escapeShellArgs (legoFlags ++ [ "run" ] ++ modeFlags data.extraLegoRunFlags);
      renewArgs = escapeShellArgs (legoFlags ++ [ "renew" "--no-random-sleep" ] ++ modeFlags data.extraLegoRenewFlags);

      webroots = lib.remove null (lib.unique (map (c: c.webroot) (builtins.attrValues cfg.certs)));
      keyFile = if data.csrKey != null then "${data.csrKey}" else "certificates/${keyName}.key";
      days = toString data.validMinDays;

      postRun = pkgs.writeShellScript "acme-postrun" ''
        cd /var/lib/acme/${escapeShellArg cert}
        if [ -e renewed ]; then
          rm renewed
          ${data.postRun}
          ${optionalString (data.reloadServices != [ ]) "systemctl --no-block try-reload-or-restart ${escapeShellArgs data.reloadServices}"}
        fi
      '';

      webrootCheck = optionalString (data.webroot != null) ''
        # Ensure the webroot exists. Fixing group is required in case configuration was changed between runs.
        # Lego will fail if the webroot does not exist at all.
        (
          mkdir -p '${data.webroot}/.well-known/acme-challenge' \
          && chgrp '${data.group}' ${data.webroot}/.well-known/acme-challenge
        ) || (
          echo 'Please ensure ${data.webroot}/.well-known/acme-challenge exists and is writable by acme:${data.group}' \
          && exit 1
        )
      '';
    in
    {
      inherit accountHash cert;

      timer = {
        description = "Renew ACME Certificate for ${cert}";
        wantedBy = [ "timers.target" ];
        # Not started by switching configuration.
        unitConfig."X-OnlyManualStart" = true;
        timerConfig = {
          OnCalendar = data.renewInterval;
          Unit = "acme-order-renew-${cert}.service";
          Persistent = "yes";
          # Spread the certificates' checks over the day.
          AccuracySec = "${toString (86400 / builtins.length (builtins.attrNames cfg.certs))}s";
          RandomizedDelaySec = "24h";
          FixedRandomDelay = true;
        };
      };

      placeholder = {
        description = "Ensure certificate for ${cert}";
        wantedBy = [ "multi-user.target" ];
        after = [ "acme-setup.service" ];
        wants = [ "acme-setup.service" "acme-order-renew-${cert}.service" ];
        before = [ "acme-order-renew-${cert}.service" ];
        restartTriggers = [ config.systemd.services."acme-order-renew-${cert}".script ];
        path = [ pkgs.minica ];
        unitConfig.StartLimitIntervalSec = 0;
        serviceConfig = sandbox // {
          Group = data.group;
          UMask = "0027";
          RemainAfterExit = true;
          StateDirectory = "acme/${cert}";
          BindPaths = [ "/var/lib/acme/.minica:/tmp/ca" "/var/lib/acme/${cert}:/tmp/out" ];
        };
        script = withRenewalLock (''
          set -ex

          # Regenerate self-signed certificates (in case the SANs change) until we
          # have seen a succesfull ACME certificate at least once.
          if [ -e out/acme-success ]; then
            exit 0
          fi

          minica \
            --ca-key ca/key.pem \
            --ca-cert ca/cert.pem \
            --domains ${escapeShellArg (concatStringsSep "," domains)}

          # Create files to match directory layout for real certificates
          (
            cd '${keyName}'
            cp -vp cert.pem ../out/cert.pem
            cp -vp key.pem ../out/key.pem
          )
          cat out/cert.pem ca/cert.pem > out/fullchain.pem
          cp ca/cert.pem out/chain.pem
          cat out/key.pem out/fullchain.pem > out/full.pem

          # Fix up the output files to adhere to the group and
          # have consistent permissions. This needs to be kept
          # consistent with the acme-setup script above.
        '' + fixPermissions data.group + "\n" + webrootCheck + "\n");
      };

      orderRenew = {
        description = "Order (and renew) ACME certificate for ${cert}";
        after = [ "network.target" "network-online.target" "acme-setup.service" "nss-lookup.target" "acme-${cert}.service" ];
        wants = [ "network-online.target" "acme-setup.service" "acme-${cert}.service" ];
        path = [ pkgs.lego pkgs.coreutils pkgs.diffutils pkgs.openssl ];
        serviceConfig = sandbox // {
          Group = data.group;
          # Five failed validations per hour are allowed: wait between tries.
          RestartSec = 15 * 60;
          StateDirectory = [
            "acme/${cert}"
            "acme/.lego/${cert}"
            "acme/.lego/${cert}/${certDir}"
            "acme/.lego/accounts/${accountHash}"
          ];
          ReadWritePaths = sandbox.ReadWritePaths ++ webroots;
          BindPaths = [
            "${accountRoot}${accountHash}:/tmp/accounts"
            "/var/lib/acme/${cert}:/tmp/out"
            "/var/lib/acme/.lego/${cert}/${certDir}:/tmp/certificates"
          ];
          EnvironmentFile = lib.mkIf (data.environmentFile != null) data.environmentFile;
          Environment = lib.mapAttrsToList (k: _: ''"${k}=%d/${k}"'') data.credentialFiles;
          LoadCredential = lib.mapAttrsToList (k: v: "${k}:${v}") data.credentialFiles;
          # `+`: as root.
          ExecStartPost = "+${postRun}";
        } // lib.optionalAttrs (data.listenHTTP != null && lib.toInt (lib.last (lib.splitString ":" data.listenHTTP)) < 1024) {
          CapabilityBoundingSet = [ "CAP_NET_BIND_SERVICE" ];
          AmbientCapabilities = [ "CAP_NET_BIND_SERVICE" ];
        };
        script = withRenewalLock (''
          ${optionalString data.enableDebugLogs "set -x"}
          set -euo pipefail

          # This reimplements the expiration date check, but without querying
          # the acme server first. By doing this offline, we avoid errors
          # when the network or DNS are unavailable, which can happen during
          # nixos-rebuild switch.
          is_expiration_skippable() {
            pem=$1

            # This function relies on set -e to exit early if any of the
            # conditions or programs fail.

            [[ -e $pem ]]

            expiration_line="$(
              set -euxo pipefail
              openssl x509 -noout -enddate <"$pem" \
                    | grep notAfter \
                    | sed -e 's/^notAfter=//'
            )"
            [[ -n "$expiration_line" ]]

            expiration_date="$(date -d "$expiration_line" +%s)"
            now="$(date +%s)"
            expiration_s=$((expiration_date - now))
            expiration_days=$((expiration_s / (3600 * 24)))   # rounds down

            [[ $expiration_days -gt ${days} ]]
          }

          echo '${domainHash}' > domainhash.txt

          # Check if a new order is needed
          # We can only renew if the list of domains has not changed.
          # We also need an account key. Avoids #190493
          if cmp -s domainhash.txt certificates/domainhash.txt && [ -e '${keyFile}' ] && [ -e 'certificates/${keyName}.crt' ] && [ -n "$(find accounts -name '${data.email}.key')" ]; then
            # Even if a cert is not expired, it may be revoked by the CA.
            # Try to renew, and silently fail if the cert is not expired.
            # Avoids #85794 and resolves #129838
            if ! lego ${renewArgs} --days ${days}; then
              if is_expiration_skippable out/full.pem; then
                echo 1>&2 "nixos-acme: Ignoring failed renewal because expiration isn't within the coming ${days} days"
              else
                # High number to avoid Systemd reserved codes.
                exit 11
              fi
            fi
          # Do a full run
          elif ! lego ${runArgs}; then
            # Produce a nice error for those doing their first nixos-rebuild with these certs
            echo Failed to fetch certificates. \
              This may mean your DNS records are set up incorrectly. \
              Self-signed certs are in place and dependant services will still start.
            # Exit 10 so that users can potentially amend SuccessExitStatus to ignore this error.
            # High number to avoid Systemd reserved codes.
            exit 10
          fi

          mv domainhash.txt certificates/

          touch out/acme-success

          # Copy all certs to the "real" certs directory
          # lego has only an interesting subset of files available,
          # construct reasonably compatible files that clients can consume
          # as expected.
          if ! cmp -s 'certificates/${keyName}.crt' out/fullchain.pem; then
            touch out/renewed
            echo Installing new certificate
            cp -vp 'certificates/${keyName}.crt' out/fullchain.pem
            cp -vp '${keyFile}' out/key.pem
            cp -vp 'certificates/${keyName}.issuer.crt' out/chain.pem
            ln -sf fullchain.pem out/cert.pem
            cat out/key.pem out/fullchain.pem > out/full.pem
          fi

          # Keep permissions consistent. Needs to be in sync with the other scripts.
        '' + fixPermissions data.group + ''
          # Also ensure safer permissions on the account directory.
          chmod -R u=rwX,g=,o= accounts/.
        '');
      };
    };

  certUnits = lib.mapAttrs unitsOf cfg.certs;
in
{
  config = lib.mkIf (cfg.certs != { }) {
    users.users.acme = {
      home = "/var/lib/acme";
      homeMode = "755";
      group = "acme";
      isSystemUser = true;
    };
    users.groups.acme = { };

    systemd.services =
      { acme-setup = setupService; }
      // mapAttrs' (cert: u: nameValuePair "acme-${cert}" u.placeholder) certUnits
      // mapAttrs' (cert: u: nameValuePair "acme-order-renew-${cert}" u.orderRenew) certUnits;

    systemd.timers = mapAttrs' (cert: u: nameValuePair "acme-renew-${cert}" u.timer) certUnits;

    # Certificates sharing an ACME account: the first (a DNS-01 one if
    # any) creates the account, the others start after it.
    systemd.targets = mapAttrs' (hash: group:
      let
        dns = builtins.filter (u: cfg.certs.${u.cert}.dnsProvider != null) group;
        leader = builtins.head (if dns != [ ] then dns else group);
        followers = map (u: "acme-order-renew-${u.cert}.service") (builtins.filter (u: u.cert != leader.cert) group);
      in
      nameValuePair "acme-account-${hash}" {
        requiredBy = followers;
        before = followers;
        requires = [ "acme-order-renew-${leader.cert}.service" ];
        after = [ "acme-order-renew-${leader.cert}.service" ];
        unitConfig.RefuseManualStart = true;
      }) (lib.groupBy (u: u.accountHash) (builtins.attrValues certUnits));
  };
}
