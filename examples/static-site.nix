# nginx serving a folder of HTML, with gzip and a custom 404 page.
{ pkgs, ... }:
let
  site = pkgs.writeTextFile {
    name = "site";
    destination = "/index.html";
    text = "<h1>Hello from NixOS</h1>";
  };
in
{
  networking.hostName = "www";

  services.nginx = {
    enable = true;
    recommendedGzipSettings = true;
    recommendedOptimisation = true;
    virtualHosts."example.org" = {
      serverAliases = [ "www.example.org" ];
      root = site;
      extraConfig = ''
        error_page 404 /404.html;
      '';
      locations."/assets/".extraConfig = ''
        expires 30d;
      '';
    };
  };

  networking.firewall.allowedTCPPorts = [ 80 ];
  system.stateVersion = "24.11";
}
