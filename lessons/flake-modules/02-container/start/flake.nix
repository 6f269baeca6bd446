{
  description = "gohello, a tiny Go web server packaged with Nix";

  inputs = {
    nixpkgs.url = "nixpkgs/nixos-unstable";
    utils.url = "github:numtide/flake-utils";
  };

  outputs = { self, nixpkgs, utils }:
    # Build the same outputs for each of these systems.
    utils.lib.eachSystem [
      "x86_64-linux"
      "aarch64-linux"
      "x86_64-darwin"
      "aarch64-darwin"
    ] (system:
      let
        pkgs = import nixpkgs { inherit system; };
        # The date of the last change ("20261207") is the version.
        version = builtins.substring 0 8 self.lastModifiedDate;
      in
      {
        # `nix build`: the Go program in this folder.
        packages.default = pkgs.buildGoModule {
          pname = "web-server";
          inherit version;
          src = ./.;
          vendorSha256 = pkgs.lib.fakeSha256;
        };

        # `nix run`: start the server.
        apps.default = utils.lib.mkApp {
          drv = self.packages.${system}.default;
        };

        # `nix develop`: a shell with the Go tools.
        devShells.default = pkgs.mkShell {
          buildInputs = with pkgs; [ go gopls gotools go-tools ];
        };
      });
}
