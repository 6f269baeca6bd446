{ pkgs, ... }:
{
  boot.isContainer = true;
  time.timeZone = "UTC";
  services.openssh.enable = true;
  nix.settings.experimental-features = [ "nix-command" "flakes" ];
  environment.systemPackages = with pkgs; [ htop ];
  system.stateVersion = "24.11";
}
