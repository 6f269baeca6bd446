{ ... }:

{
  imports = [ ./greeter.nix ];

  greeter.message = "Hello from configuration.nix";
}
