# Settings every machine of the team shares.
{ ... }:

{
  imports = [ ./greeter.nix ];

  networking.hostName = "server";
  greeter.enable = true;
}
