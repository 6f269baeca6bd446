{ pkgs, lib, ... }:
let
  me = "sam";
  cliTools = with pkgs; [ ripgrep fd bat eza jq htop ];
in
{
  boot.isContainer = true;
  programs.zsh = {
    enable = true;
    autosuggestions.enable = true;
    syntaxHighlighting.enable = true;
    shellAliases = { ll = "eza -l"; gs = "git status"; };
  };
  programs.git = {
    enable = true;
    config.init.defaultBranch = "main";
  };
  users.users.${me} = {
    isNormalUser = true;
    shell = pkgs.zsh;
    extraGroups = [ "wheel" ];
    openssh.authorizedKeys.keys = [ "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx7f2m0bY0c1r3m2d4Q7w8E9r0t1y2u3i4o5p6a7s8d sam@laptop" ];
  };
  environment.systemPackages = cliTools ++ [ pkgs.neovim ];
  services.openssh.enable = true;
  system.stateVersion = "24.11";
}
