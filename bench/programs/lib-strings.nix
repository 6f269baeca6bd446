# lib.strings as nixpkgs uses it to write configuration files and scripts:
# concatMapStrings, concatMapStringsSep, splitString, escapeShellArg,
# toUpper, hasPrefix/removePrefix, fixedWidthNumber, versionOlder,
# makeSearchPath, replaceStrings and interpolation over 20,000 entries.
let
  lib = import <nixpkgs/lib>;
  inherit (lib) concatMapStrings concatMapStringsSep concatStringsSep splitString escapeShellArg
    toUpper toLower hasPrefix removePrefix hasSuffix removeSuffix fixedWidthNumber versionOlder
    makeSearchPath optionalString concatStrings intersperse mod;
  n = 20000;
  entries = builtins.genList (i: {
    name = "service-${toString i}";
    port = 1000 + mod (i * 37) 50000;
    args = [ "--name" "svc ${toString i}" "--flag=it's" ];
    version = "${toString (mod i 5)}.${toString (mod i 17)}.${toString (mod i 3)}";
  }) n;
  unitText = e: ''
    [Service]
    ExecStart=/bin/${e.name} ${concatMapStringsSep " " escapeShellArg e.args}
    Environment=PORT=${toString e.port}
    ${optionalString (mod e.port 2 == 0) "Restart=always\n"}'';
  units = concatMapStrings unitText entries;
  lines = splitString "\n" units;
  execLines = builtins.filter (hasPrefix "ExecStart=") lines;
  commands = map (l: removePrefix "ExecStart=/bin/" l) execLines;
  upper = concatMapStrings (c: toUpper (builtins.substring 0 12 c)) commands;
  numbered = concatStringsSep "," (map (e: fixedWidthNumber 6 e.port) entries);
  old = builtins.length (builtins.filter (e: versionOlder e.version "2.8.1") entries);
  paths = makeSearchPath "bin" (map (e: "/nix/store/${e.name}") (lib.take 2000 entries));
  renamed = builtins.replaceStrings [ "service-" "--flag" ] [ "svc-" "-f" ] units;
  joined = concatStrings (intersperse ";" (map (e: toLower (removeSuffix "0" e.name)) entries));
  kept = builtins.length (builtins.filter (hasSuffix "7") (map (e: e.name) entries));
in {
  units = builtins.stringLength units;
  lines = builtins.length lines;
  hash = builtins.hashString "sha256" (upper + numbered + joined);
  inherit old kept;
  paths = builtins.stringLength paths;
  renamed = builtins.stringLength renamed;
  first = builtins.head commands;
}
