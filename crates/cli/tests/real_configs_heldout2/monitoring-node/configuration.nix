{ config, ... }:
{
  boot.isContainer = true;
  services.prometheus = {
    enable = true;
    exporters.node = {
      enable = true;
      enabledCollectors = [ "systemd" ];
    };
    scrapeConfigs = [
      {
        job_name = "node";
        static_configs = [ { targets = [ "127.0.0.1:${toString config.services.prometheus.exporters.node.port}" ]; } ];
      }
    ];
  };
  services.grafana = {
    enable = true;
    settings.server.http_addr = "0.0.0.0";
  };
  networking.firewall.allowedTCPPorts = [ config.services.grafana.settings.server.http_port ];
  system.stateVersion = "24.11";
}
