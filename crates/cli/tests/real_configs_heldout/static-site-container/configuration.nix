{ pkgs, lib, ... }:
let
  site = pkgs.writeTextDir "index.html" "<h1>Hello</h1>";
in
{
  boot.isContainer = true;
  networking.hostName = "www";
  services.nginx = {
    enable = true;
    virtualHosts."localhost" = {
      root = site;
      locations."/".extraConfig = "add_header Cache-Control no-cache;";
      locations."/api/".proxyPass = "http://127.0.0.1:5000/";
    };
  };
  networking.firewall.allowedTCPPorts = [ 80 ];
  system.stateVersion = "24.11";
}
