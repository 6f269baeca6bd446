# More of the `utils` module argument (NixOS's nixos/lib/utils.nix): the
# order of file systems, escaping for Exec lines, shell paths, and the
# current escaping of paths as unit names. Part of the files the browser
# loads after the first outputs (crates/nixos/src/extra.rs); utils.nix adds
# them when they are there.
{ lib, pkgs, config }:

let
  inherit (lib) hasPrefix hasSuffix optionalString concatStringsSep concatMapStringsSep replaceStrings
    splitString filter elem any;
in
rec {
  # The mount points the initrd mounts (closed under parents).
  pathsNeededForBoot = [ "/" "/nix" "/nix/store" "/var" "/var/log" "/var/lib" "/var/lib/nixos" "/etc" "/usr" ];

  # fsNeededForBoot fs: whether the initrd mounts `fs`.
  fsNeededForBoot = fs: fs.neededForBoot || elem fs.mountPoint pathsNeededForBoot;

  # fsBefore a b: whether file system `b` needs `a` mounted first (its
  # device, mount point or a path it depends on lies under `a`'s mount
  # point; paths end in "/" so that /aaa is not taken for a parent of /aaaa).
  fsBefore = a: b:
    let
      withSlash = path: "${path}${optionalString (!(hasSuffix "/" path)) "/"}";
      under = hasPrefix (withSlash a.mountPoint);
    in
    under (withSlash (toString b.device)) || under (withSlash b.mountPoint) || any (p: under (withSlash p)) b.depends;

  # escapeSystemdPath "/a/b-c": a path as a unit name ("a-b\x2dc"):
  # duplicate, leading and trailing slashes and "." go, "/" is "-", the
  # characters systemd escapes are written \xNN, a leading "." too; the
  # root is "-". A path with ".." it cannot resolve is an error.
  escapeSystemdPath = s:
    let
      escapeChar = lib.escapeC (lib.stringToCharacters " !\"#$%&'()*+,;<=>?@[\\]^`{|}~-");
      absolute = hasPrefix "/" s;
      parts = filter (c: c != "" && c != ".") (splitString "/" s);
      simplified = builtins.foldl' (acc: c:
        if c == ".." then (if absolute && acc.parts == [ ] then acc else acc // { normal = false; })
        else acc // { parts = acc.parts ++ [ c ]; }) { parts = [ ]; normal = true; } parts;
      notNormal = throw "escapeSystemdPath: ${s} is not a normalized path";
      path =
        if !simplified.normal then notNormal
        else if simplified.parts != [ ] then concatStringsSep "/" simplified.parts
        else if absolute || s == "" then "/"
        else notNormal;
      escaped = escapeChar path;
      leadingDot = if hasPrefix "." escaped then "\\x2e" + lib.removePrefix "." escaped else escaped;
    in
    replaceStrings [ "/" ] [ "-" ] leadingDot;

  # escapeSystemdExecArg arg: one argument of an Exec* line, quoted as a
  # JSON string, with % and $ doubled (no specifier or variable expansion).
  escapeSystemdExecArg = arg:
    let
      s =
        if builtins.isPath arg then "${arg}"
        else if builtins.isString arg then arg
        else if builtins.isInt arg || builtins.isFloat arg || lib.isDerivation arg then toString arg
        else throw "escapeSystemdExecArg only allows strings, paths, numbers and derivations";
    in
    replaceStrings [ "%" "$" ] [ "%%" "$$" ] (builtins.toJSON s);

  # escapeSystemdExecArgs args: the arguments of an Exec* line.
  escapeSystemdExecArgs = concatMapStringsSep " " escapeSystemdExecArg;

  # toShellPath shell: the path of a shell package as users' login shell.
  toShellPath = shell:
    if lib.types.shellPackage.check shell then "/run/current-system/sw${shell.shellPath}"
    else if lib.types.package.check shell then throw "${shell} is not a shell package"
    else shell;

  # copyFile path: a copy of one file in the store.
  copyFile = filePath: pkgs.runCommand (builtins.unsafeDiscardStringContext (baseNameOf filePath)) { } ''
    cp ${filePath} $out
  '';
}
