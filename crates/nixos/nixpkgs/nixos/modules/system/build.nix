# system.build: the results of building the system. Nixpen's one result
# is `system.build.nixpen`: the files NixOS would write, as text, for the
# views to show: { units; nginx; etc; firewall; warnings; scripts; }.
{ config, lib, ... }:

let
  inherit (lib) mkOption types filterAttrs mapAttrs concatStringsSep;

  failedAssertions = map (a: a.message) (builtins.filter (a: !a.assertion) config.assertions);

  enabledUnits = filterAttrs (_: unit: unit.enable && unit.text != null) config.systemd.units;

  # The text of an /etc entry: its `text`, or the text a `source`
  # derivation carries, or null when the file comes from elsewhere.
  etcText = entry:
    if entry.text != null then entry.text
    else if entry.source != null && builtins.isAttrs entry.source && entry.source ? text then entry.source.text
    else null;

  result = {
    units = mapAttrs (_: unit: unit.text) enabledUnits;
    nginx = if config.services.nginx.enable then config.services.nginx.renderedConfig else null;
    etc = filterAttrs (_: text: text != null)
      (lib.mapAttrs' (_: e: lib.nameValuePair e.target (etcText e)) (filterAttrs (_: e: e.enable) config.environment.etc));
    firewall = {
      inherit (config.networking.firewall)
        enable allowedTCPPorts allowedUDPPorts allowedTCPPortRanges allowedUDPPortRanges;
      interfaces = mapAttrs (_: i: {
        inherit (i) allowedTCPPorts allowedUDPPorts allowedTCPPortRanges allowedUDPPortRanges;
      }) config.networking.firewall.interfaces;
    };
    warnings = config.warnings;
    # Read by many NixOS modules; reading it here gives NixOS' warning when unset.
    stateVersion = config.system.stateVersion;
    # Generated scripts (unit-script-* and others) by store path.
    scripts = config.systemd.generatedScripts;
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

  config.system.build.nixpen =
    if failedAssertions != [ ] then
      throw "\nFailed assertions:\n${concatStringsSep "\n" (map (m: "- ${m}") failedAssertions)}"
    else result;
}
