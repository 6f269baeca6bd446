# A service started from a package Nixpen's `pkgs` lacks: explaining it
# needs the stand-in a render would use (crates/cli/tests/explain.rs).
{ pkgs, ... }: {
  systemd.services.backup = {
    description = "nightly backup";
    serviceConfig.ExecStart = "${pkgs.zzbackuptool}/bin/zzbackuptool run";
  };
}
