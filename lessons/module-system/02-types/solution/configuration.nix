{ config, lib, ... }:

{
  options = {
    greeter.message = lib.mkOption {
      type = lib.types.str;
      default = "Hello, world!";
      description = "What /etc/greeting says.";
    };

    greeter.repeat = lib.mkOption {
      type = lib.types.ints.positive;
      default = 1;
      description = "How many times /etc/greeting says it.";
    };
  };

  config = {
    greeter.repeat = 3;

    environment.etc."greeting".text =
      lib.concatStrings (lib.replicate config.greeter.repeat (config.greeter.message + "\n"));
  };
}
