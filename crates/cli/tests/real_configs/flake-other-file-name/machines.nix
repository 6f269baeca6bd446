{
  description = "A flake saved under another name";
  inputs.nixpkgs.url = "nixpkgs";
  outputs = { nixpkgs, ... }: {
    nixosConfigurations.box = nixpkgs.lib.nixosSystem {
      system = "x86_64-linux";
      modules = [ ({ pkgs, ... }: {
        boot.isContainer = true;
        services.nginx.enable = true;
        environment.systemPackages = [ pkgs.rclone ];
        system.stateVersion = "24.11";
      }) ];
    };
  };
}
