{ ... }:

{
  imports = [ ./greeter.nix ];

  greeter.enable = true;
  greeter.message = "Hello from configuration.nix";
}
