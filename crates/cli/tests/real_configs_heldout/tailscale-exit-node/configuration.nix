{ config, ... }:
{
  boot.isContainer = true;
  services.tailscale = {
    enable = true;
    useRoutingFeatures = "server";
    extraUpFlags = [ "--advertise-exit-node" ];
  };
  networking.firewall = {
    trustedInterfaces = [ "tailscale0" ];
    allowedUDPPorts = [ config.services.tailscale.port ];
  };
  boot.kernel.sysctl."net.ipv4.ip_forward" = 1;
  system.stateVersion = "24.11";
}
