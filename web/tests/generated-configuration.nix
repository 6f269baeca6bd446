# configuration.nix as nixos-generate-config lays it out on a server: the
# hardware scan imported, a boot loader, a few settings, commented-out
# suggestions. (Written for Nixpen's tests; the hardware file is not here.)

{ config, lib, pkgs, ... }:

{
  imports =
    [ # The hardware scan's results.
      ./hardware-configuration.nix
    ];

  # Boot with systemd-boot on EFI.
  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;

  networking.hostName = "nixos"; # The machine's name.
  # One way to get online:
  # networking.wireless.enable = true;
  networking.networkmanager.enable = true;

  # Time zone.
  time.timeZone = "Europe/Amsterdam";

  # Language.
  i18n.defaultLocale = "en_US.UTF-8";
  # console = {
  #   font = "Lat2-Terminus16";
  #   keyMap = "us";
  # };

  # Keyboard layout for X11.
  services.xserver.xkb.layout = "us";

  # Printing.
  # services.printing.enable = true;

  # A user (set a password with `passwd`).
  users.users.alice = {
    isNormalUser = true;
    extraGroups = [ "wheel" "networkmanager" ]; # wheel: sudo
    packages = with pkgs; [
      tree
    ];
  };

  # Packages for everyone.
  environment.systemPackages = with pkgs; [
    vim
    wget
  ];

  # SSH.
  services.openssh.enable = true;

  # The firewall's open ports.
  networking.firewall.allowedTCPPorts = [ 22 ];
  # networking.firewall.enable = false;

  # The release this machine was first installed with (leave it as it is).
  system.stateVersion = "25.05";
}
