{ config, ... }:

{
  imports = [ ./profile.nix ];

  networking.hostName = "box";
  greeter.message = "Welcome to ${config.networking.hostName}";
}
