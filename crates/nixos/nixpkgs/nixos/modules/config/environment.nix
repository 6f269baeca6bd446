# environment.systemPackages and environment.variables.
{ config, lib, ... }:

let inherit (lib) mkOption types; in
{
  options.environment = {
    systemPackages = mkOption {
      type = types.listOf types.package;
      default = [ ];
      example = lib.literalExpression "[ pkgs.firefox pkgs.thunderbird ]";
      description = "Packages installed system-wide, on every user's PATH.";
    };

    variables = mkOption {
      type = types.attrsOf (types.oneOf [ (types.listOf (types.oneOf [ types.int types.str types.path ])) types.int types.str types.path ]);
      default = { };
      example = { EDITOR = "nvim"; VISUAL = "nvim"; };
      apply = lib.mapAttrs (n: v: if builtins.isList v then lib.concatMapStringsSep ":" toString v else toString v);
      description = "Environment variables set for every login shell (lists are joined with `:`).";
    };

    sessionVariables = mkOption {
      type = types.attrsOf (types.oneOf [ (types.listOf (types.oneOf [ types.int types.str types.path ])) types.int types.str types.path ]);
      default = { };
      apply = lib.mapAttrs (n: v: if builtins.isList v then lib.concatMapStringsSep ":" toString v else toString v);
      description = "Environment variables set for every session through PAM (lists are joined with `:`).";
    };

    shellAliases = mkOption {
      type = types.attrsOf types.str;
      default = { };
      example = { ll = "ls -l"; };
      description = "Aliases defined in every user's shell.";
    };
  };
}
