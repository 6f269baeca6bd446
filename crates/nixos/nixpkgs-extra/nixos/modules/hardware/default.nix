# hardware.*: firmware, microcode, Bluetooth, graphics and NVIDIA drivers,
# declared with NixOS's names, types and defaults (nixos/modules/hardware/,
# services/hardware/bluetooth.nix). Nixpen renders nothing from them;
# options of these namespaces not declared here are NixOS options Nixpen
# does not model (a warning).
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption types;
  enableOption = default: description: mkOption { type = types.bool; inherit default description; };
in
{
  options.hardware = {
    enableRedistributableFirmware = enableOption false "Whether firmware with a licence allowing redistribution is installed.";
    enableAllFirmware = enableOption false "Whether all firmware is installed, including unfree firmware.";
    firmware = mkOption {
      type = types.listOf types.package;
      default = [ ];
      description = "Packages of firmware files for the kernel.";
    };
    cpu.intel.updateMicrocode = enableOption false "Whether Intel CPU microcode updates are loaded at boot.";
    cpu.amd.updateMicrocode = enableOption false "Whether AMD CPU microcode updates are loaded at boot.";

    bluetooth = {
      enable = enableOption false "Whether Bluetooth is supported (bluetoothd).";
      powerOnBoot = enableOption true "Whether Bluetooth controllers are powered on at boot.";
      settings = mkOption {
        type = types.attrsOf (types.attrsOf types.anything);
        default = { };
        example = { General.ControllerMode = "bredr"; };
        description = "Settings of /etc/bluetooth/main.conf, by section.";
      };
    };

    graphics = {
      enable = enableOption false "Whether OpenGL, Vulkan and video acceleration drivers are installed.";
      enable32Bit = enableOption false "Whether the 32-bit drivers are installed too (for 32-bit programs such as Steam).";
      extraPackages = mkOption {
        type = types.listOf types.package;
        default = [ ];
        description = "More driver packages (VA-API, OpenCL, …).";
      };
    };

    nvidia = {
      modesetting.enable = enableOption false "Whether the NVIDIA driver does kernel mode setting (needed by Wayland).";
      open = mkOption {
        type = types.nullOr types.bool;
        default = null;
        description = "Whether the open-source kernel module is used (required to be set for recent drivers).";
      };
      nvidiaSettings = enableOption true "Whether nvidia-settings is installed.";
      powerManagement.enable = enableOption false "Whether video memory is saved on suspend.";
      package = mkOption {
        type = types.package;
        default = config.boot.kernelPackages.nvidiaPackages.stable;
        defaultText = lib.literalExpression "config.boot.kernelPackages.nvidiaPackages.stable";
        description = "The NVIDIA driver package.";
      };
    };
  };
}
