# boot.loader.*: the boot loaders' common options, declared with NixOS's
# names, types and defaults (nixos/modules/system/boot/loader/). Nixpen
# renders nothing from them (a boot loader is installed, not written to
# /etc); options of theirs not declared here are NixOS options Nixpen does
# not model (a warning).
{ config, lib, ... }:

let
  inherit (lib) mkOption types;
  enableOption = default: description: mkOption { type = types.bool; inherit default description; };
in
{
  options.boot.loader = {
    timeout = mkOption {
      type = types.nullOr types.int;
      default = 5;
      description = "Seconds the boot menu waits before booting the default entry; null waits forever.";
    };

    efi = {
      canTouchEfiVariables = enableOption false "Whether the installer may change the firmware's EFI boot variables.";
      efiSysMountPoint = mkOption {
        type = types.str;
        default = "/boot";
        description = "Where the EFI system partition is mounted.";
      };
    };

    grub = {
      enable = mkOption {
        type = types.bool;
        default = !config.boot.isContainer;
        defaultText = lib.literalExpression "!config.boot.isContainer";
        description = "Whether GRUB is the boot loader.";
      };
      device = mkOption {
        type = types.str;
        default = "";
        example = "/dev/disk/by-id/wwn-0x500001234567890a";
        description = "The disk GRUB is installed on (its MBR), or `nodev` for EFI only.";
      };
      devices = mkOption {
        type = types.listOf types.str;
        default = [ ];
        description = "Disks GRUB is installed on, for systems booting from several.";
      };
      efiSupport = enableOption false "Whether GRUB is installed for EFI.";
      efiInstallAsRemovable = enableOption false "Whether GRUB is installed at the removable-media path (EFI/BOOT/BOOTX64.EFI).";
      useOSProber = enableOption false "Whether other operating systems found on the disks get menu entries.";
      configurationLimit = mkOption {
        type = types.int;
        default = 100;
        description = "How many generations the menu lists.";
      };
      default = mkOption {
        type = types.either types.int types.str;
        default = 0;
        description = "The entry booted by default (an index or `saved`).";
      };
      extraEntries = mkOption {
        type = types.lines;
        default = "";
        description = "Menu entries added as GRUB configuration text.";
      };
      enableCryptodisk = enableOption false "Whether GRUB may read encrypted disks.";
    };

    systemd-boot = {
      enable = enableOption false "Whether systemd-boot (an EFI boot manager) is the boot loader.";
      configurationLimit = mkOption {
        type = types.nullOr types.int;
        default = null;
        example = 120;
        description = "How many generations the menu lists; null lists them all.";
      };
      consoleMode = mkOption {
        type = types.enum [ "0" "1" "2" "5" "auto" "max" "keep" ];
        default = "keep";
        description = "The resolution of the boot menu's console.";
      };
      editor = enableOption true "Whether kernel parameters can be edited at boot (which gives root access).";
    };

    generic-extlinux-compatible = {
      enable = enableOption false "Whether an extlinux-compatible /boot/extlinux/extlinux.conf is written (for U-Boot).";
      configurationLimit = mkOption {
        type = types.int;
        default = 20;
        description = "How many generations the menu lists.";
      };
    };
  };
}
