{ config, pkgs, ... }:
{
  boot.isContainer = true;
  virtualisation.podman = {
    enable = true;
    dockerCompat = true;
  };
  virtualisation.oci-containers = {
    backend = "podman";
    containers.homeassistant = {
      image = "ghcr.io/home-assistant/home-assistant:stable";
      volumes = [ "/var/lib/hass:/config" ];
      environment.TZ = "Europe/Amsterdam";
      extraOptions = [ "--network=host" ];
    };
  };
  networking.firewall.allowedTCPPorts = [ 8123 ];
  system.stateVersion = "24.11";
}
