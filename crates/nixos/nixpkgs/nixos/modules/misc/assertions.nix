# assertions and warnings: checks modules declare, reported when the
# system is built (see system/build.nix).
{ lib, ... }:

let inherit (lib) mkOption types; in
{
  options = {
    assertions = mkOption {
      type = types.listOf types.unspecified;
      internal = true;
      default = [ ];
      example = [ { assertion = false; message = "you can't enable this for that reason"; } ];
      description = ''
        Conditions that must hold, each `{ assertion; message; }`; building
        the system fails with every message whose assertion is false.
      '';
    };

    warnings = mkOption {
      type = types.listOf types.str;
      internal = true;
      default = [ ];
      example = [ "the option `foo' is deprecated" ];
      description = "Messages shown as warnings when the system is built.";
    };
  };
}
