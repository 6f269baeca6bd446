# ids.uids and ids.gids: the fixed numeric ids NixOS gives system users and
# groups of the services it models.
{ lib, ... }:

let inherit (lib) mkOption types; in
{
  options.ids = {
    uids = mkOption {
      type = types.attrsOf types.int;
      internal = true;
      description = "The user ids NixOS reserves for its services.";
    };
    gids = mkOption {
      type = types.attrsOf types.int;
      internal = true;
      description = "The group ids NixOS reserves for its services.";
    };
  };

  config.ids = {
    uids = { root = 0; nobody = 65534; sshd = 2; nginx = 60; postgres = 71; acme = 328; wwwrun = 54; };
    gids = { root = 0; wheel = 1; nogroup = 65534; nginx = 60; postgres = 71; acme = 328; users = 100; wwwrun = 54; };
  };
}
