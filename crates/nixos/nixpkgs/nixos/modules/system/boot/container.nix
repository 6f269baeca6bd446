# boot.isContainer: whether the system runs as a container (such as a
# nixos-container) rather than on its own kernel.
{ lib, ... }:

{
  options.boot.isContainer = lib.mkOption {
    type = lib.types.bool;
    default = false;
    description = ''
      Whether this system boots as a container inside another system's
      kernel (no boot loader, kernel or initrd of its own).
    '';
  };
}
