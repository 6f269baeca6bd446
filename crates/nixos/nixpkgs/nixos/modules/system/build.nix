# system.build: the results of building the system. Nixpen's one result
# is `system.build.nixpen`: the files NixOS would write, as text, for the
# views to show: { units; nginx; etc; firewall; warnings; scripts; … } (the
# fields are listed in crates/nixos/src/rendered.rs). As a system build
# does, it checks the definitions of options Nixpen does not declare, the
# assertions, and evaluates the packages to install. Beside it, read only
# when asked for: `nixpenLines` (each file's lines with the options they
# come from) and `nixpenUnitOwners` (the files that define each unit).
{ config, options, lib, pkgs, ... }:

let
  inherit (lib) mkOption types filterAttrs mapAttrs concatStringsSep;

  # Definitions of options Nixpen does not declare, in their three
  # outcomes (a configuration without any reads nothing more here).
  # (Leaving out the placeholders misc/unmodelled-reads.nix adds.)
  unknownDefinitions = builtins.filter (d: d.file != "nixpen-unmodelled-reads")
    (config._module.nixpenUnknownDefinitions or [ ]);
  # (Without lib/unknown-options.nix, in the browser before it has loaded
  # the rest of the tree, each is accepted unchecked, with a warning.)
  unknown =
    if unknownDefinitions == [ ] then { unmodelled = [ ]; warnings = [ ]; error = null; }
    else if builtins.pathExists ../../lib/unknown-options.nix then
      import ../../lib/unknown-options.nix { inherit lib options; inherit (config) users; index = import ../../lib/option-index.nix; } unknownDefinitions
    else { unmodelled = [ ]; warnings = map (d: "${lib.showOption d.nixpenPrefix}: not checked yet") unknownDefinitions; error = null; };

  # (Assertions on a user named as a NixOS service Nixpen does not model,
  # `users.users.jellyfin` beside `services.jellyfin`, are left to that
  # service's module, which would define the user: see unknown-options.nix.)
  excused = m: builtins.any (n: lib.hasInfix "users.users.${n}." m) (unknown.serviceUsers or [ ]);
  failedAssertions = builtins.filter (m: !(excused m))
    (map (a: a.message) (builtins.filter (a: !a.assertion) config.assertions));

  missingWarning = m:
    "${m.file} (imported by ${m.importedBy}) does not exist; Nixpen takes it for an empty module";

  enabledUnits = filterAttrs (_: unit: unit.enable && unit.text != null) config.systemd.units;

  # The text of an /etc entry: its `text`, or the text a `source`
  # derivation carries, or null when the file comes from elsewhere.
  etcText = entry:
    if entry.text != null then entry.text
    else if entry.source != null && builtins.isAttrs entry.source && entry.source ? text then entry.source.text
    else null;

  # The file name of a unit; a unit with `overrideStrategy = "asDropin"`
  # is a drop-in for the unit of that name (`NAME.d/overrides.conf`), as
  # NixOS's systemd-lib writes it.
  unitFile = name: unit: if unit.overrideStrategy == "asDropin" then "${name}.d/overrides.conf" else name;

  # Unit files by name.
  units = lib.mapAttrs' (name: unit: lib.nameValuePair (unitFile name unit) unit.text) enabledUnits;
  nginx = if config.services.nginx.enable then config.services.nginx.renderedConfig else null;
  etc = filterAttrs (_: text: text != null)
    (lib.mapAttrs' (_: e: lib.nameValuePair e.target (etcText e)) (filterAttrs (_: e: e.enable) config.environment.etc));
  scripts = config.systemd.generatedScripts;

  # (Without lib/render-packages.nix, in the browser before it has loaded
  # the rest of the tree, the packages are not listed.)
  packages =
    if builtins.pathExists ../../lib/render-packages.nix then
      import ../../lib/render-packages.nix { inherit lib config pkgs; }
        (builtins.attrValues units ++ builtins.attrValues etc ++ builtins.attrValues scripts ++ lib.optional (nginx != null) nginx)
    else { systemPackages = [ ]; userPackages = { }; standIns = [ ]; warnings = [ ]; };

  # Each file's lines and where they come from, and the files defining
  # each unit: read only to explain the files, never to render them
  # (lib/explain-lines.nix comes, in the browser, with the files loaded
  # after the first answer).
  explained = import ../../lib/explain-lines.nix {
    inherit lib config options etcText;
    units = enabledUnits;
    inherit unitFile nginx;
  };

  result = {
    inherit units nginx etc;
    firewall = {
      inherit (config.networking.firewall)
        enable allowedTCPPorts allowedUDPPorts allowedTCPPortRanges allowedUDPPortRanges;
      interfaces = mapAttrs (_: i: {
        inherit (i) allowedTCPPorts allowedUDPPorts allowedTCPPortRanges allowedUDPPortRanges;
      }) config.networking.firewall.interfaces;
    };
    warnings = config.warnings ++ unknown.warnings ++ map missingWarning config.nixpen.missingImports
      ++ packages.warnings;
    # What environment.systemPackages and users.users.<name>.packages
    # install: { name; path; standIn; }.
    inherit (packages) systemPackages userPackages;
    # Attribute paths of `pkgs` that got stand-ins and that the results use.
    inherit (packages) standIns;
    # Imported files that are not there (taken for empty modules):
    # { file; importedBy; }.
    missingImports = config.nixpen.missingImports;
    # Options defined here that NixOS has and Nixpen does not model:
    # { option; file; line; column; checked; } (`checked`: found in the
    # index of NixOS's options, rather than accepted without it).
    unmodelled = unknown.unmodelled;
    # True in the browser while the rest of the tree (the index of NixOS's
    # options, the modules real configurations need) has not arrived and
    # this configuration needs it: the page says so and evaluates again.
    provisional = unknownDefinitions != [ ] && !builtins.pathExists ../../lib/unknown-options.nix;
    # Read by many NixOS modules; reading it here gives NixOS' warning when unset.
    stateVersion = config.system.stateVersion;
    # Generated scripts (unit-script-* and others) by store path.
    inherit scripts;
  };
in
{
  # Internal, as in NixOS before system.build became a freeform submodule:
  # it holds the evaluation's results, which options data must not show.
  options.system.build = mkOption {
    internal = true;
    type = types.lazyAttrsOf (types.uniq types.unspecified);
    default = { };
    description = ''
      Attribute set of derivations used to set up the system.
    '';
  };

  config.system.build.nixpenLines = explained.files;
  config.system.build.nixpenUnitOwners = explained.unitOwners;

  config.system.build.nixpen =
    if unknown.error != null then throw unknown.error
    else if failedAssertions != [ ] then
      throw "\nFailed assertions:\n${concatStringsSep "\n" (map (m: "- ${m}") failedAssertions)}"
    else result;
}
