{
  description = "Three machines, one common module";
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.11";
  outputs = { self, nixpkgs }:
    let
      mkHost = name: nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        specialArgs = { hostName = name; };
        modules = [ ./common.nix ./hosts/${name}.nix ];
      };
    in
    {
      nixosConfigurations = nixpkgs.lib.genAttrs [ "alpha" "beta" "gamma" ] mkHost;
    };
}
