# environment.etc: files of /etc, from text or from a store path.
{ config, lib, pkgs, ... }:

let
  inherit (lib) mkOption types mkDefault;

  etcOptions = { name, config, ... }: {
    options = {
      enable = mkOption { type = types.bool; default = true; description = "Whether this file is created."; };
      target = mkOption { type = types.str; default = name; description = "The file's name relative to /etc (the attribute name by default)."; };
      text = mkOption { type = types.nullOr types.lines; default = null; description = "The file's content."; };
      source = mkOption { type = types.nullOr (types.either types.path types.package); default = null; description = "The file or folder the entry is (a store path); set from `text` when that is given."; };
      mode = mkOption { type = types.str; default = "symlink"; example = "0600"; description = "`symlink` for a link into the store, or the permissions of a copied file."; };
      user = mkOption { type = types.str; default = "+0"; description = "The file's owner when it is copied (`mode` not `symlink`)."; };
      group = mkOption { type = types.str; default = "+0"; description = "The file's group when it is copied (`mode` not `symlink`)."; };
    };
    config.source = lib.mkIf (config.text != null) (mkDefault (pkgs.writeText ("etc-" + lib.replaceStrings [ "/" ] [ "-" ] name) config.text));
  };
in
{
  options.environment.etc = mkOption {
    type = types.attrsOf (types.submodule etcOptions);
    default = { };
    example = { "hosts".text = "127.0.0.1 localhost\n"; };
    description = "Files of /etc, by name relative to /etc.";
  };
}
