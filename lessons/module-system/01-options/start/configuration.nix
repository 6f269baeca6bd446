{ config, lib, ... }:

{
  options = {
    # Declare greeter.message here.
  };

  config = {
    environment.etc."greeting".text = "Hello, world!\n";
  };
}
