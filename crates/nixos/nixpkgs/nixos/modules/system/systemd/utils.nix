# The `utils` module argument: helpers NixOS modules share; the rest of
# NixOS's (utils-more.nix) once the browser has loaded it (everywhere else
# it is there from the start).
{ lib, pkgs, config }:

{
  # escapeSystemdPath "/a/b-c": the unit-name form of a path ("a-b\x2dc").
  escapeSystemdPath = s:
    let
      replacePrefix = p: r: s: if lib.hasPrefix p s then r + lib.removePrefix p s else s;
      trim = s: lib.removeSuffix "/" (replacePrefix "/" "" s);
    in
    lib.replaceStrings [ "/" "-" " " ] [ "-" "\\x2d" "\\x20" ] (trim s);

  systemdUtils = {
    lib = import ./unit-text.nix { inherit lib pkgs config; };
  };
}
// (if builtins.pathExists ./utils-more.nix then import ./utils-more.nix { inherit lib pkgs config; } else { })
