{ ... }:

{
  greeter.message = "Hello from configuration.nix";
}
