{ config, lib, ... }:

{
  options = {
    greeter.message = lib.mkOption {
      type = lib.types.str;
      default = "Hello, world!";
      description = "What /etc/greeting says.";
    };
  };

  config = {
    environment.etc."greeting".text = config.greeter.message + "\n";
  };
}
