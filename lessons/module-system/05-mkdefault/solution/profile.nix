# Settings every machine of the team shares.
{ lib, ... }:

{
  imports = [ ./greeter.nix ];

  networking.hostName = lib.mkDefault "server";
  greeter.enable = true;
}
