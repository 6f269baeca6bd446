# Functions about paths on the file system.
{ lib }:
rec {
  /** The type of a path: "directory", "regular", "symlink", "unknown".
      Example: `pathType ./.` => `"directory"` */
  pathType = p:
    if builtins ? readFileType then builtins.readFileType p
    else if toString p == "/" then "directory"
    else (builtins.readDir (dirOf p)).${baseNameOf p} or (throw "lib.filesystem.pathType: Path ${toString p} does not exist.");

  /** Whether a path is a directory. Example: `pathIsDirectory ./.` => `true` */
  pathIsDirectory = p: builtins.pathExists p && pathType p == "directory";

  /** Whether a path is a regular file. Example: `pathIsRegularFile ./default.nix` => `true` */
  pathIsRegularFile = p: builtins.pathExists p && pathType p == "regular";

  /** Every regular file below a directory. Example: `listFilesRecursive ./dir` */
  listFilesRecursive = dir:
    lib.lists.flatten (lib.attrsets.mapAttrsToList (name: type:
      if type == "directory" then listFilesRecursive (dir + "/${name}") else dir + "/${name}") (builtins.readDir dir));
}
