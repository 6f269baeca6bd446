{ ... }:
{
  boot.isContainer = true;
  services.nginx = {
    enable = true;
    virtualHosts."app.lan".locations."/".proxypass = "http://127.0.0.1:8080";
  };
  system.stateVersion = "24.11";
}
