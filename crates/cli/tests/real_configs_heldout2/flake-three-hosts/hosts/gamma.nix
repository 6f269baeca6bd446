{ pkgs, ... }: {
  systemd.services.heartbeat = {
    description = "Send a heartbeat";
    script = "${pkgs.curl}/bin/curl -fsS https://hc.example.org/ping";
    startAt = "*:0/5";
  };
}
