{ config, ... }:
{
  boot.isContainer = true;
  services.prometheus = {
    enable = true;
    port = 9090;
    exporters.node = { enable = true; enabledCollectors = [ "systemd" ]; port = 9100; };
    scrapeConfigs = [
      {
        job_name = "node";
        static_configs = [ { targets = [ "127.0.0.1:${toString config.services.prometheus.exporters.node.port}" ]; } ];
      }
    ];
  };
  services.grafana = {
    enable = true;
    settings.server = { http_addr = "127.0.0.1"; http_port = 3000; };
  };
  services.nginx.enable = true;
  services.nginx.virtualHosts."grafana.lan".locations."/".proxyPass = "http://127.0.0.1:${toString config.services.grafana.settings.server.http_port}";
  system.stateVersion = "24.11";
}
