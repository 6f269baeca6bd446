{ pkgs, ... }:
{
  boot.isContainer = true;
  environment.systemPackages = [ pkgs.git "htop" ];
}
