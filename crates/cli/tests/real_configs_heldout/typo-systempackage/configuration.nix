{ pkgs, ... }:
{
  boot.isContainer = true;
  environment.systemPackage = with pkgs; [ git ];
}
