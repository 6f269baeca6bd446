# Imported by the hardware-configuration.nix nixos-generate-config writes
# (as `modulesPath + "/installer/scan/not-detected.nix"`), for hardware it
# could not detect: firmware that may be redistributed is installed.
{ lib, ... }:

{
  hardware.enableRedistributableFirmware = lib.mkDefault true;
}
