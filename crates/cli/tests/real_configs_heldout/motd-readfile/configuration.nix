{ lib, pkgs, ... }:
let
  isWorkstation = false;
in
{
  boot.isContainer = true;
  users.motd = builtins.readFile ./motd.txt;
  environment.etc."issue.d/site".text = "Welcome to ${lib.toUpper "lab"}\n";
  environment.systemPackages = with pkgs; [ git ] ++ lib.optionals isWorkstation [ firefox ];
  networking.firewall.enable = lib.mkDefault true;
  system.stateVersion = "24.11";
}
