{ config, pkgs, lib, ... }:
let
  user = "mira";
  editors = with pkgs; [ neovim helix ];
  devTools = with pkgs; [ git gh ripgrep fd jq ];
in
{
  boot.isContainer = true;
  users.users.${user} = {
    isNormalUser = true;
    home = "/home/${user}";
    shell = pkgs.zsh;
    extraGroups = [ "wheel" "video" ];
    packages = editors ++ devTools;
  };
  programs.zsh.enable = true;
  environment.variables.EDITOR = "nvim";
  environment.systemPackages = with pkgs; [ curl wget unzip ];
  system.stateVersion = "24.11";
}
