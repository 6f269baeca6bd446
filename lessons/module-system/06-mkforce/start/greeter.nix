{ config, lib, pkgs, ... }:

let
  cfg = config.greeter;
in
{
  options = {
    greeter.enable = lib.mkEnableOption "the greeter";

    greeter.message = lib.mkOption {
      type = lib.types.str;
      default = "Hello, world!";
      description = "What /etc/greeting says.";
    };
  };

  config = lib.mkIf cfg.enable {
    environment.etc."greeting".text = cfg.message + "\n";

    # Print the greeting to the journal at boot.
    systemd.services.greeter = {
      description = "Print the greeting";
      wantedBy = [ "multi-user.target" ];
      serviceConfig.Type = "oneshot";
      serviceConfig.ExecStart = "${pkgs.coreutils}/bin/cat /etc/greeting";
    };

    # Serve the greeting on the web too.
    services.nginx.enable = true;
    services.nginx.virtualHosts.localhost.locations."= /greeting".alias = "/etc/greeting";
  };
}
