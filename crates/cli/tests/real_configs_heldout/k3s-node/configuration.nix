{ pkgs, ... }:
{
  boot.isContainer = true;
  services.k3s = {
    enable = true;
    role = "server";
    extraFlags = toString [ "--disable=traefik" ];
  };
  networking.firewall.allowedTCPPorts = [ 6443 ];
  environment.systemPackages = [ pkgs.k3s pkgs.kubectl ];
  system.stateVersion = "24.11";
}
