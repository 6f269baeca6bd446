# NixOS's default values of some options Nixpen does not model, which
# configurations read (`config.services.tailscale.port` in a firewall rule,
# `config.services.grafana.settings.server.http_port` in a reverse proxy).
# A configuration that defines something under a module's prefix
# (`services.tailscale.enable = true`) reads these below it
# (nixos/modules/misc/unknown-options.nix); a value it defines wins.
# Each was read in the module's declaration in nixpkgs (nixos/modules/…),
# at the commit of ./option-index.nix unless noted.
{
  services = {
    # services/networking/tailscale.nix
    tailscale = { port = 41641; interfaceName = "tailscale0"; };
    # services/misc/jellyfin.nix
    jellyfin = { user = "jellyfin"; group = "jellyfin"; dataDir = "/var/lib/jellyfin"; };
    # services/networking/syncthing.nix
    syncthing = { user = "syncthing"; group = "syncthing"; dataDir = "/var/lib/syncthing"; guiAddress = "127.0.0.1:8384"; };
    # services/monitoring/prometheus/default.nix, exporters/node.nix
    prometheus = { port = 9090; listenAddress = "0.0.0.0"; exporters.node = { port = 9100; listenAddress = "0.0.0.0"; }; };
    # services/monitoring/grafana.nix
    grafana.settings.server = { http_port = 3000; http_addr = "127.0.0.1"; };
    # services/misc/ollama.nix
    ollama = { port = 11434; host = "127.0.0.1"; };
    # services/networking/headscale.nix
    headscale = { port = 8080; address = "127.0.0.1"; };
  };
}
