# Imported by the hardware-configuration.nix of a QEMU/KVM guest
# (`modulesPath + "/profiles/qemu-guest.nix"`): the virtio drivers, in the
# initrd so the root disk can be found.
{ ... }:

{
  boot.initrd.availableKernelModules = [ "virtio_net" "virtio_pci" "virtio_mmio" "virtio_blk" "virtio_scsi" "9p" "9pnet_virtio" ];
  boot.initrd.kernelModules = [ "virtio_balloon" "virtio_console" "virtio_rng" "virtio_gpu" ];
}
