# users.users and users.groups: accounts and groups of the system.
{ config, lib, ... }:

let
  inherit (lib) mkOption types;

  userOptions = { name, config, ... }: {
    # A person's account: home in /home, group `users`.
    config = lib.mkIf config.isNormalUser {
      group = lib.mkDefault "users";
      home = lib.mkDefault "/home/${config.name}";
      createHome = lib.mkDefault true;
    };
    options = {
      name = mkOption { type = types.str; default = name; description = "The user's login name (the attribute name by default)."; };
      uid = mkOption { type = types.nullOr types.int; default = null; description = "The numeric user id; null lets NixOS pick one."; };
      group = mkOption { type = types.str; default = ""; description = "The user's primary group."; };
      extraGroups = mkOption { type = types.listOf types.str; default = [ ]; description = "Other groups the user belongs to."; };
      description = mkOption { type = types.str; default = ""; example = "Alice Q. User"; description = "A short description, usually the full name (the GECOS field)."; };
      home = mkOption { type = types.path; default = "/var/empty"; description = "The user's home folder."; };
      createHome = mkOption { type = types.bool; default = false; description = "Whether to create the home folder."; };
      homeMode = mkOption { type = types.strMatching "[0-7]{1,5}"; default = "700"; description = "The permissions of the home folder when `createHome` makes it."; };
      useDefaultShell = mkOption { type = types.bool; default = false; description = "Whether the login shell is the default user shell (bash) when `shell` is unset."; };
      shell = mkOption { type = types.nullOr (types.either types.shellPackage or types.package types.path); default = null; description = "The user's login shell."; };
      isSystemUser = mkOption { type = types.bool; default = false; description = "Whether this is a system account (a low uid, no login)."; };
      isNormalUser = mkOption { type = types.bool; default = false; description = "Whether this is a person's account (home in /home, in group users, a login shell)."; };
      hashedPassword = mkOption { type = types.nullOr types.str; default = null; description = "The password hash (see `mkpasswd`)."; };
      initialPassword = mkOption { type = types.nullOr types.str; default = null; description = "The password set when the user is created."; };
      openssh.authorizedKeys.keys = mkOption { type = types.listOf types.singleLineStr or types.str; default = [ ]; description = "Public SSH keys that may log in as this user."; };
      openssh.authorizedKeys.keyFiles = mkOption { type = types.listOf types.path; default = [ ]; description = "Files of public SSH keys (one per file) that may log in as this user, read at build time."; };
      packages = mkOption { type = types.listOf types.package; default = [ ]; description = "Packages installed for this user only."; };
    };
  };

  groupOptions = { name, ... }: {
    options = {
      name = mkOption { type = types.str; default = name; description = "The group's name (the attribute name by default)."; };
      gid = mkOption { type = types.nullOr types.int; default = null; description = "The numeric group id; null lets NixOS pick one."; };
      members = mkOption { type = types.listOf types.str; default = [ ]; description = "Users in this group."; };
    };
  };
in
{
  options.users = {
    users = mkOption {
      type = types.attrsOf (types.submodule userOptions);
      default = { };
      description = "The user accounts of the system.";
    };
    groups = mkOption {
      type = types.attrsOf (types.submodule groupOptions);
      default = { };
      description = "The groups of the system.";
    };
    mutableUsers = mkOption {
      type = types.bool;
      default = true;
      description = "Whether users and groups may be changed outside the configuration (useradd, passwd).";
    };
  };

  config = {
    users.users.root = { uid = config.ids.uids.root; home = "/root"; group = "root"; description = "System administrator"; };
    users.users.nobody = { uid = config.ids.uids.nobody; group = "nogroup"; description = "Unprivileged account (don't use!)"; isSystemUser = true; };
    users.groups = { root.gid = config.ids.gids.root; wheel.gid = config.ids.gids.wheel; nogroup.gid = config.ids.gids.nogroup; users.gid = config.ids.gids.users; };

    assertions = lib.concatLists (lib.mapAttrsToList (name: user: [
      {
        assertion = lib.xor (user.isSystemUser || (user.uid != null && user.uid < 1000)) user.isNormalUser;
        message = ''
          Exactly one of users.users.${user.name}.isSystemUser and users.users.${user.name}.isNormalUser must be set.
        '';
      }
      {
        assertion = user.group != "";
        message = ''
          users.users.${user.name}.group is unset. This used to default to
          nogroup, but this is unsafe. For example you can create a group
          for this user with:
          users.users.${user.name}.group = "${user.name}";
          users.groups.${user.name} = {};
        '';
      }
    ]) config.users.users);
  };
}
