# A service whose Restart= two modules set: this one plainly, the
# hardening module with mkDefault (crates/cli/tests/explain.rs).
{ ... }: {
  imports = [ ./hardening.nix ];

  systemd.services.web = {
    description = "web server";
    wantedBy = [ "multi-user.target" ];
    serviceConfig.ExecStart = "/run/current-system/sw/bin/web";
    serviceConfig.Restart = "on-failure";
  };
}
