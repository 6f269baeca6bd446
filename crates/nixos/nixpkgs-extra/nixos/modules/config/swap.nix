# swapDevices: swap partitions and files (their /etc/fstab lines are
# written by tasks/filesystems.nix), and, as NixOS's config/swap.nix
# does, a `mkswap-NAME` service for a swap file of a given size or a
# randomly encrypted device.
{ config, lib, pkgs, utils, ... }:

let
  inherit (lib) mkOption mkIf types optionalString;

  randomEncryptionOptions = { ... }: {
    options = {
      enable = mkOption { type = types.bool; default = false; description = "Whether the device is encrypted with a random key at each boot (no hibernation to it)."; };
      cipher = mkOption { type = types.str; default = "aes-xts-plain64"; example = "serpent-xts-plain64"; description = "The cipher of the random encryption."; };
      source = mkOption { type = types.str; default = "/dev/urandom"; example = "/dev/random"; description = "Where the random key comes from."; };
      allowDiscards = mkOption { type = types.bool; default = false; description = "Whether TRIM requests reach the underlying device."; };
    };
  };

  swapOptions = { config, options, ... }: {
    options = {
      device = mkOption { type = types.str; example = "/dev/sda3"; description = "The device or swap file."; };
      label = mkOption { type = types.str; example = "swap"; description = "The device's label, instead of `device`."; };
      size = mkOption { type = types.nullOr types.int; default = null; example = 2048; description = "For a swap file: its size in MiB; the file is made at boot when missing."; };
      priority = mkOption { type = types.nullOr types.int; default = null; example = 2048; description = "The swap priority (0 to 32767, higher first); null lets the kernel choose."; };
      randomEncryption = mkOption {
        type = types.coercedTo types.bool (enable: { inherit enable; }) (types.submodule randomEncryptionOptions);
        default = false;
        description = "Encrypt the device with a random key at each boot (true, or the settings).";
      };
      discardPolicy = mkOption { type = types.nullOr (types.enum [ "once" "pages" "both" ]); default = null; example = "once"; description = "When discards are sent (see swapon(8))."; };
      options = mkOption { type = types.listOf types.nonEmptyStr; default = [ "defaults" ]; example = [ "nofail" ]; description = "Options of the swap's fstab line."; };
      deviceName = mkOption { type = types.str; internal = true; description = "The device as a unit name."; };
      realDevice = mkOption { type = types.path; internal = true; description = "The device swap is on (the mapper device when encrypted)."; };
    };
    config = {
      device = mkIf options.label.isDefined "/dev/disk/by-label/${config.label}";
      deviceName = lib.replaceStrings [ "\\" ] [ "" ] (utils.escapeSystemdPath config.device);
      realDevice = if config.randomEncryption.enable then "/dev/mapper/${config.deviceName}" else config.device;
    };
  };

  # The service making swap device `sw` (a file of `size`, or an encrypted device).
  makeSwap = sw:
    let realUnit = utils.escapeSystemdPath sw.realDevice; in
    lib.nameValuePair "mkswap-${sw.deviceName}" {
      description = "Initialisation of swap device ${sw.device}";
      wantedBy = [ "${realUnit}.swap" ];
      before = [ "${realUnit}.swap" ];
      path = [ pkgs.util-linux ] ++ lib.optional sw.randomEncryption.enable pkgs.cryptsetup;
      script = ''
        ${optionalString (sw.size != null) ''
          currentSize=$(( $(stat -c "%s" "${sw.device}" 2>/dev/null || echo 0) / 1024 / 1024 ))
          if [ "${toString sw.size}" != "$currentSize" ]; then
            dd if=/dev/zero of="${sw.device}" bs=1M count=${toString sw.size}
            chmod 0600 ${sw.device}
            ${optionalString (!sw.randomEncryption.enable) "mkswap ${sw.realDevice}"}
          fi
        ''}
        ${optionalString sw.randomEncryption.enable ''
          cryptsetup plainOpen -c ${sw.randomEncryption.cipher} -d ${sw.randomEncryption.source} \
            ${optionalString sw.randomEncryption.allowDiscards "--allow-discards"} ${sw.device} ${sw.deviceName}
          mkswap ${sw.realDevice}
        ''}
      '';
      unitConfig.RequiresMountsFor = [ "${dirOf sw.device}" ];
      unitConfig.DefaultDependencies = false;
      serviceConfig.Type = "oneshot";
      serviceConfig.RemainAfterExit = sw.randomEncryption.enable;
      serviceConfig.ExecStop = optionalString sw.randomEncryption.enable "${pkgs.cryptsetup}/bin/cryptsetup luksClose ${sw.deviceName}";
      restartIfChanged = false;
    };
in
{
  options.swapDevices = mkOption {
    type = types.listOf (types.submodule swapOptions);
    default = [ ];
    example = [ { device = "/dev/hda7"; } { device = "/var/swapfile"; } { label = "bigswap"; } ];
    description = "Swap devices and swap files (made with mkswap, or given a `size`).";
  };

  config = mkIf (config.swapDevices != [ ]) {
    systemd.services = lib.listToAttrs (map makeSwap
      (builtins.filter (sw: sw.size != null || sw.randomEncryption.enable) config.swapDevices));
  };
}
