# configuration.nix as the graphical installer lays it out for a desktop:
# several of its options are NixOS options Nixpen does not model (each a
# warning). (Written for Nixpen's tests; the hardware file is not here.)

{ config, pkgs, ... }:

{
  imports =
    [ # The hardware scan's results.
      ./hardware-configuration.nix
    ];

  # Boot loader.
  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;

  networking.hostName = "nixos";
  networking.networkmanager.enable = true;

  time.timeZone = "Europe/Amsterdam";

  i18n.defaultLocale = "en_US.UTF-8";
  i18n.extraLocaleSettings = {
    LC_ADDRESS = "nl_NL.UTF-8";
    LC_TIME = "nl_NL.UTF-8";
  };

  # A graphical desktop.
  services.xserver.enable = true;
  services.displayManager.gdm.enable = true;
  services.desktopManager.gnome.enable = true;
  services.xserver.xkb = {
    layout = "us";
    variant = "";
  };

  # Printing.
  services.printing.enable = true;

  # Sound through PipeWire.
  services.pulseaudio.enable = false;
  security.rtkit.enable = true;
  services.pipewire = {
    enable = true;
    alsa.enable = true;
    alsa.support32Bit = true;
    pulse.enable = true;
  };

  users.users.alice = {
    isNormalUser = true;
    description = "Alice";
    extraGroups = [ "networkmanager" "wheel" ];
    packages = with pkgs; [
    #  thunderbird
    ];
  };

  programs.firefox.enable = true;

  nixpkgs.config.allowUnfree = true;

  environment.systemPackages = with pkgs; [
  #  vim
  ];

  services.openssh.enable = true;

  system.stateVersion = "25.05";
}
