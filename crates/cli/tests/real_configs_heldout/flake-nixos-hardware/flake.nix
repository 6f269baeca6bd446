{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
  inputs.nixos-hardware.url = "github:NixOS/nixos-hardware/master";
  outputs = { nixpkgs, nixos-hardware, ... }: {
    nixosConfigurations.x1 = nixpkgs.lib.nixosSystem {
      system = "x86_64-linux";
      modules = [
        nixos-hardware.nixosModules.lenovo-thinkpad-x1-11th-gen
        { boot.isContainer = true; system.stateVersion = "24.11"; }
      ];
    };
  };
}
