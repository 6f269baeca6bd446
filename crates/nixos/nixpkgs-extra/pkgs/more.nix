# More of the package set (merged into it by default.nix when this file is
# there: the browser loads it after the first outputs,
# crates/nixos/src/extra.rs): python3.withPackages, and the kernels with
# the module packages built for each.
{ lib, makeDerivation, self, listed }:

let
  # kernelPackagesFor kernel: the modules built for one kernel, named as
  # nixpkgs names them (`nvidia_x11`, `zfs`, …).
  kernelPackagesFor = kernel:
    let
      module = pname: version: makeDerivation { name = "${pname}-${version}-${kernel.version}"; inherit pname version; };
      nvidia = module "nvidia-x11" "580.105.08";
    in
    {
      inherit kernel;
      nvidia_x11 = nvidia;
      nvidiaPackages = { stable = nvidia; production = nvidia; latest = nvidia; beta = module "nvidia-x11" "580.105.08"; };
      zfs = module "zfs-kernel" "2.3.5";
      v4l2loopback = module "v4l2loopback" "0.15.2";
      acpi_call = module "acpi-call" "1.2.2";
      xone = module "xone" "0.4.9";
    };
in
{
  # python3.withPackages (ps: [ … ]): the interpreter with packages, as
  # one environment (`python3-VERSION-env`); the list is not read.
  python3 = listed.python3 // {
    withPackages = _: makeDerivation { name = "python3-${listed.python3.version}-env"; };
    pkgs = self.python3Packages;
  };

  # Kernels and the module packages built for each (`boot.kernelPackages`).
  linuxPackages = kernelPackagesFor self.linux;
  linuxPackages_latest = kernelPackagesFor self.linux_latest;
  linuxKernel = { packagesFor = kernelPackagesFor; };

  # An empty folder (services.httpd serves it for a host without documentRoot).
  emptyDirectory = makeDerivation { name = "empty-directory"; };
}
