# What the user's own modules define among the files a configuration
# renders: the names of the systemd units (without suffix) and /etc files
# set by definitions from the user's files (/playground), the options
# form's module (/form) or a flake's inline modules (which have no file).
# The rest are NixOS's own. Never fails: what cannot be read is left out.
c:
let
  mine = d:
    let file = toString d.file; in
    file == "<unknown-file>" || builtins.substring 0 12 file == "/playground/" || builtins.substring 0 6 file == "/form/";
  names = option:
    builtins.concatMap (d: if builtins.isAttrs d.value then builtins.attrNames d.value else [ ])
      (builtins.filter mine (option.definitionsWithLocations or [ ]));
  units = builtins.concatMap (kind: names (c.options.systemd.${kind} or { }))
    [ "services" "timers" "sockets" "paths" "targets" ];
  etc = map (name: c.config.environment.etc.${name}.target or name) (names (c.options.environment.etc or { }));
  safe = value: let tried = builtins.tryEval (builtins.deepSeq value value); in if tried.success then tried.value else [ ];
in
{ units = safe units; etc = safe etc; }
