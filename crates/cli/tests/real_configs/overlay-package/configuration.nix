{ pkgs, ... }:
{
  boot.isContainer = true;
  nixpkgs.overlays = [
    (final: prev: {
      greeter = prev.writeShellScriptBin "greeter" "echo hello from $(hostname)";
    })
  ];
  systemd.services.greeter = {
    wantedBy = [ "multi-user.target" ];
    serviceConfig.ExecStart = "${pkgs.greeter}/bin/greeter";
  };
  system.stateVersion = "24.11";
}
