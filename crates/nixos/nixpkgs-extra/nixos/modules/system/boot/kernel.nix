# The kernel and its modules (boot.kernelPackages, boot.kernelModules, the
# initrd's modules …), declared with NixOS's names, types and defaults
# (nixos/modules/system/boot/kernel.nix, stage-1.nix), as a generated
# hardware-configuration.nix sets them. Nixpen renders nothing from them.
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption types;
  modules = description: mkOption { type = types.listOf types.str; default = [ ]; inherit description; };
in
{
  options.boot = {
    kernelPackages = mkOption {
      type = types.raw;
      default = pkgs.linuxPackages;
      defaultText = lib.literalExpression "pkgs.linuxPackages";
      example = lib.literalExpression "pkgs.linuxPackages_latest";
      description = "The kernel and the modules built for it.";
    };
    kernelParams = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Parameters given to the kernel at boot.";
    };
    kernelModules = modules "Kernel modules loaded at boot (listed in /etc/modules-load.d/nixos.conf).";
    extraModulePackages = mkOption {
      type = types.listOf types.package;
      default = [ ];
      example = lib.literalExpression "[ config.boot.kernelPackages.nvidia_x11 ]";
      description = "Packages of kernel modules besides the kernel's own.";
    };
    blacklistedKernelModules = modules "Kernel modules never loaded automatically.";
    extraModprobeConfig = mkOption {
      type = types.lines;
      default = "";
      description = "Lines added to modprobe's configuration.";
    };
    kernel.sysctl = mkOption {
      type = types.attrsOf (types.nullOr (types.oneOf [ types.bool types.str types.int ]));
      default = { };
      example = { "net.ipv4.tcp_syncookies" = false; };
      description = "Kernel parameters set at boot (sysctl).";
    };
    initrd = {
      availableKernelModules = modules "Kernel modules the initrd holds, loaded when hardware needs them.";
      kernelModules = modules "Kernel modules the initrd loads.";
      luks.devices = mkOption {
        type = types.attrsOf (types.submodule {
          freeformType = types.attrsOf types.anything;
          options.device = mkOption { type = types.str; description = "The encrypted device."; };
        });
        default = { };
        description = "LUKS devices the initrd opens, by the name of the mapped device.";
      };
      systemd.enable = mkOption {
        type = types.bool;
        default = false;
        description = "Whether the initrd runs systemd (instead of a script).";
      };
    };
    tmp = {
      cleanOnBoot = mkOption { type = types.bool; default = false; description = "Whether /tmp is emptied at boot."; };
      useTmpfs = mkOption { type = types.bool; default = false; description = "Whether /tmp is a tmpfs in memory."; };
    };
  };
}
