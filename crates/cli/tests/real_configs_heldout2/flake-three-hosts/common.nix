{ hostName, lib, pkgs, ... }:
{
  boot.isContainer = true;
  networking.hostName = hostName;
  services.openssh = {
    enable = true;
    settings.PasswordAuthentication = false;
  };
  nix.settings.experimental-features = [ "nix-command" "flakes" ];
  environment.systemPackages = [ pkgs.curl ];
  system.stateVersion = "24.11";
}
