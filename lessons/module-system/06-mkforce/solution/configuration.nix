{ config, lib, ... }:

{
  imports = [ ./profile.nix ];

  networking.hostName = "box";
  greeter.message = "Welcome to ${config.networking.hostName}";

  # No web server on this machine.
  services.nginx.enable = lib.mkForce false;
}
