# fileSystems and boot.supportedFilesystems, and /etc/fstab, as NixOS's
# tasks/filesystems.nix writes it (with swapDevices, config/swap.nix):
# one line per file system, sorted so that a mount point comes after the
# one it lies under; the options NixOS adds (`x-initrd.mount` for those
# needed at boot, `x-systemd.growfs`, `x-systemd.makefs`); the pass number
# 0 for file systems fsck does not check. systemd makes the mount units from
# this file at boot (systemd-fstab-generator); NixOS writes none itself.
{ config, lib, pkgs, utils, ... }:

let
  inherit (lib) mkOption mkIf mkMerge mkDefault types elem optionalString concatStringsSep concatMapStrings;

  # Spaces and tabs as fstab writes them.
  escape = builtins.replaceStrings [ " " "\t" ] [ "\\040" "\\011" ];

  # A list of names is taken for a set of names set to true.
  namesToTrue = types.coercedTo (types.listOf types.str) (names: lib.genAttrs names (_: true)) (types.attrsOf types.bool);

  checked = description: elemType: check:
    types.addCheck elemType check // { description = "${elemType.description} (with check: ${description})"; };
  isNonEmpty = s: builtins.match "[ \t\n]*" s == null;
  nonEmptyStr = checked "non-empty" types.str isNonEmpty;
  mountPath = checked "non-empty without trailing slash" types.str (s: isNonEmpty s && builtins.match ".+/" s == null);

  # File systems whose type names no device.
  specialTypes = [ "proc" "sysfs" "tmpfs" "ramfs" "devtmpfs" "devpts" ];

  fileSystemOptions = { name, config, ... }: {
    options = {
      enable = mkOption {
        type = types.bool;
        default = true;
        description = "Whether the file system is mounted.";
      };
      mountPoint = mkOption {
        type = mountPath;
        default = name;
        example = "/mnt/usb";
        description = "Where the file system is mounted (the attribute name by default).";
      };
      device = mkOption {
        type = types.nullOr nonEmptyStr;
        default = null;
        example = "/dev/sda";
        description = "The device to mount: a block device, `UUID=…`, a bind mount's source, or what `fsType` reads.";
      };
      fsType = mkOption {
        type = nonEmptyStr;
        default = "auto";
        example = "ext4";
        description = "The file system's type, as `mount -t` takes it.";
      };
      options = mkOption {
        type = types.nonEmptyListOf nonEmptyStr;
        default = [ "defaults" ];
        example = [ "data=journal" ];
        description = "Mount options (`mount -o`), including those systemd understands (`x-systemd.*`, `nofail`).";
      };
      depends = mkOption {
        type = types.listOf mountPath;
        default = [ ];
        example = [ "/persist" ];
        description = "Paths whose file systems are mounted before this one.";
      };
      label = mkOption {
        type = types.nullOr nonEmptyStr;
        default = null;
        example = "root-partition";
        description = "The device's label: `device` becomes `/dev/disk/by-label/LABEL`.";
      };
      autoFormat = mkOption {
        type = types.bool;
        default = false;
        description = "Whether a device without a file system is formatted with `fsType` first.";
      };
      autoResize = mkOption {
        type = types.bool;
        default = false;
        description = "Whether the file system is grown to its partition before it is mounted (ext2/3/4, btrfs, xfs).";
      };
      noCheck = mkOption {
        type = types.bool;
        default = false;
        description = "Whether fsck skips this file system.";
      };
      neededForBoot = mkOption {
        type = types.bool;
        default = false;
        description = "Whether the file system is mounted by the initrd, before the system starts (always so for /, /nix, /nix/store, /var, /var/log, /var/lib, /var/lib/nixos, /etc and /usr).";
      };
    };

    config = {
      device = mkMerge [
        (mkIf (elem config.fsType specialTypes) (mkDefault config.fsType))
        (mkIf (config.label != null) (mkDefault "/dev/disk/by-label/${escape config.label}"))
      ];
      options = mkMerge [
        (mkIf config.autoResize [ "x-systemd.growfs" ])
        (mkIf config.autoFormat [ "x-systemd.makefs" ])
        (mkIf (utils.fsNeededForBoot config) [ "x-initrd.mount" ])
      ];
    };
  };

  # (config/swap.nix is imported only by a configuration defining swap
  # devices: ../lazy-module-list.nix.)
  swapDevices = config.swapDevices or [ ];

  sorted = lib.toposort utils.fsBefore (builtins.attrValues config.fileSystems);
  fileSystems = sorted.result or (builtins.attrValues config.fileSystems);

  # File systems fsck does not check (ext3/4, xfs, … too when journals are
  # not checked in the initrd).
  skipTypes = [ "none" "auto" "overlay" "iso9660" "bindfs" "udf" "btrfs" "zfs" "tmpfs" "bcachefs" "nfs" "nfs4"
    "nilfs2" "vboxsf" "squashfs" "glusterfs" "apfs" "9p" "cifs" "prl_fs" "vmhgfs" ]
    ++ lib.optionals (!config.boot.initrd.checkJournalingFS) [ "ext3" "ext4" "reiserfs" "xfs" "jfs" "f2fs" ];
  skipCheck = fs: fs.noCheck || fs.device == "none" || elem fs.fsType skipTypes || elem "bind" fs.options;

  fstabLine = fs:
    (if fs.device != null then escape fs.device else throw "No device specified for mount point ‘${fs.mountPoint}’.")
    + " " + escape fs.mountPoint + " " + fs.fsType + " " + escape (concatStringsSep "," fs.options)
    + " 0 " + (if skipCheck fs then "0" else if fs.mountPoint == "/" then "1" else "2") + "\n";

  swapOptions = sw: concatStringsSep "," (sw.options
    ++ lib.optional (sw.priority != null) "pri=${toString sw.priority}"
    ++ lib.optional (sw.discardPolicy != null) "discard${optionalString (sw.discardPolicy != "both") "=${sw.discardPolicy}"}");
in
{
  options = {
    fileSystems = mkOption {
      type = types.attrsOf (types.submodule fileSystemOptions);
      default = { };
      example = { "/".device = "/dev/hda1"; "/data" = { device = "/dev/hda2"; fsType = "ext3"; options = [ "data=journal" ]; }; };
      apply = lib.filterAttrs (_: fs: fs.enable);
      description = "The file systems to mount, by mount point; one must be `/`.";
    };

    boot.supportedFilesystems = mkOption {
      type = namesToTrue;
      default = { };
      example = { btrfs = true; zfs = lib.mkForce false; };
      description = "File system types the system supports (a list of names, or names set to true or false).";
    };

    boot.initrd.checkJournalingFS = mkOption {
      type = types.bool;
      default = true;
      description = "Whether the initrd checks journaling file systems (ext3, ext4, xfs, …) with fsck.";
    };
  };

  config = {
    assertions = [
      {
        assertion = !(sorted ? cycle);
        message = "The ‘fileSystems’ option can't be topologically sorted: mountpoint dependency path ${concatStringsSep " -> " (map (fs: fs.mountPoint) (sorted.cycle or [ ]))} loops to ${concatStringsSep ", " (map (fs: fs.mountPoint) (sorted.loops or [ ]))}";
      }
    ];

    boot.supportedFilesystems = map (fs: fs.fsType) fileSystems;

    environment.etc.fstab.text = ''
      # This is a generated file.  Do not edit!
      #
      # To make changes, edit the fileSystems and swapDevices NixOS options
      # in your /etc/nixos/configuration.nix file.
      #
      # <file system> <mount point>   <type>  <options>       <dump>  <pass>

      # Filesystems.
      ${concatMapStrings fstabLine fileSystems}

      ${optionalString (swapDevices != [ ]) "# Swap devices."}
      ${concatMapStrings (sw: "${sw.realDevice} none swap ${swapOptions sw}\n") swapDevices}
    '';
  };
}
