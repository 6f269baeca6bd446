# Lesson judges on the rendered system (`config.system.build.nixpen`, here
# `system`): systemd units and their keys, nginx.conf's directives, the
# firewall's ports, files under /etc. Each takes the check's fields as the
# bundle holds them (`{ unit; present; }`, …) and returns a verdict.
{ lib, helpers }:
let
  inherit (builtins) attrNames length match head elemAt foldl' concatStringsSep concatMap filter any;
  inherit (helpers) pass fail when quoted someOf lines words anyPasses;

  # Why unit `name` cannot be looked at: it does not exist; the units that do.
  missing = system: name:
    if system.units == { } then "there is no unit ${name} (there are no units at all)"
    else "there is no unit ${name} (the units are ${someOf (attrNames system.units)})";

  # The values of `key` in a unit file's text, in order, in any section
  # (`section` null) or only in `section`.
  valuesOf = unitText: section: key:
    let
      step = state: line:
        let
          trimmed = lib.trim line;
          header = match "[[](.*)[]]" trimmed;
          pair = match "([^=]*)=(.*)" trimmed;
        in
        if header != null then state // { current = head header; }
        else if pair != null && lib.trim (head pair) == key && (section == null || section == state.current)
        then state // { values = state.values ++ [ (lib.trim (elemAt pair 1)) ]; }
        else state;
    in
    (foldl' step { current = ""; values = [ ]; } (lines unitText)).values;

  # The words of one line of nginx.conf, without its comment and the `;`
  # or `{` that ends it.
  directiveWords = line:
    let
      all = words (head (builtins.split "#" line));
      n = length all;
      last = match "(.*[^;{])?[;{]*" (elemAt all (n - 1));
      kept = if last == null || head last == null then [ ] else [ (head last) ];
    in
    if n == 0 then [ ] else lib.take (n - 1) all ++ kept;

  # The firewall's open ports of one protocol in one list of NixOS's
  # names (`allowedTCPPorts`, `allowedTCPPortRanges`).
  portsOf = ports: proto: {
    single = ports."allowed${proto}Ports" or [ ];
    ranges = ports."allowed${proto}PortRanges" or [ ];
  };
in
{
  /** The unit `unit` exists (`present`), or does not. */
  unit = system: { unit, present }:
    let found = system.units ? ${unit}; in
    if found == present then pass
    else if present then fail (missing system unit)
    else fail "the unit ${unit} exists";

  /** The key `key` of unit `unit` (in `section`, if not null) passes the
      text test `text`; a key written several times passes when one of its
      values does (for `omits`: when none contains the text). */
  unitKey = system: { unit, section ? null, key, text }:
    let
      values = valuesOf system.units.${unit} section key;
      place = if section != null then "the [${section}] section of ${unit}" else unit;
    in
    if !(system.units ? ${unit}) then fail (missing system unit)
    else if values == [ ] then (if text ? omits then pass else fail "${place} has no ${key}= line")
    else when (anyPasses text values) "${key} of ${unit} is ${quoted values}";

  /** nginx.conf holds a line whose words begin with the words of
      `directive` (spacing, comments and the closing `;` aside), or, with
      `directive` null, nginx.conf exists; `present = false`: the opposite. */
  nginx = system: { directive ? null, present }:
    let
      conf = system.nginx;
      want = words directive;
      confLines = map directiveWords (lines conf);
      begins = line: length line >= length want && lib.take (length want) line == want;
      found = any begins confLines;
      name = if want == [ ] then "" else head want;
      same = map (concatStringsSep " ") (filter (line: line != [ ] && head line == name) confLines);
    in
    if conf == null then when (!present) "there is no nginx.conf: nginx is not enabled"
    else if directive == null then when present "nginx.conf exists: nginx is enabled"
    else if found == present then pass
    else if !present then fail "nginx.conf has `${directive}`"
    else if same == [ ] then fail "nginx.conf has no ${name} directive"
    else fail "nginx.conf has ${quoted same}";

  /** The firewall lets `port` in (`open`) or keeps it closed, for
      `protocol` (`"tcp"` or `"udp"`); with `interface`, that interface's
      own ports count too. With the firewall off, every port is open. */
  port = system: { port, protocol, interface ? null, open }:
    let
      fw = system.firewall;
      name = if protocol == "udp" then "UDP" else "TCP";
      proto = if protocol == "udp" then "UDP" else "TCP";
      lists = [ fw ] ++ lib.optional (interface != null && (fw.interfaces or { }) ? ${interface}) fw.interfaces.${interface};
      letsIn = ports: let p = portsOf ports proto; in
        builtins.elem port p.single || any (r: r.from <= port && port <= r.to) p.ranges;
      items = ports: let p = portsOf ports proto; in
        map toString p.single ++ map (r: "${toString r.from}–${toString r.to}") p.ranges;
      all = concatMap items lists;
      shown = if all == [ ] then "none" else concatStringsSep ", " all;
      place = if interface != null then " (on every interface or on ${interface})" else "";
    in
    if !fw.enable then when open "the firewall is off, so ${name} port ${toString port} is open like every port"
    else if any letsIn lists == open then pass
    else fail "the ${name} ports the firewall lets in${place}: ${shown}";

  /** The file `/etc/<path>` exists (`present`), and its text passes the
      text test `text` when there is one; or it does not exist. */
  etc = system: { path, text ? null, present }:
    let there = system.etc ? ${path}; in
    if !there then when (!present) "there is no /etc/${path}"
    else if !present then fail "/etc/${path} exists"
    else if text == null then pass
    else when (anyPasses text [ system.etc.${path} ]) "/etc/${path} holds ${quoted [ system.etc.${path} ]}";
}
