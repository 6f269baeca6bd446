{
  description = "Two machines";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
  };

  outputs = { self, nixpkgs, ... }@inputs:
    let
      mkHost = name: extra: nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        specialArgs = { inherit inputs; };
        modules = [
          ./modules/common.nix
          { networking.hostName = name; }
          extra
        ];
      };
    in
    {
      nixosConfigurations = {
        web = mkHost "web" ./hosts/web.nix;
        db = mkHost "db" ./hosts/db.nix;
      };
    };
}
