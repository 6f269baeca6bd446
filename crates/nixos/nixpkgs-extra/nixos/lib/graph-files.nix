# What a module graph (lib.evalModules' `graph`) says of a configuration's
# files: { sourceFiles; }, the value of the option nixpen.sourceFiles
# (modules/misc/nixpen.nix): the files that are the configuration's own,
# not this tree's, and there. (The files that are not there list
# themselves in nixpen.missingImports, see lib/modules.nix.) Read only by
# the stand-ins' scan of package names (misc/nixpkgs.nix).
{ lib }:

graph: {
  sourceFiles =
    let
      root = "${toString ../..}/";
      walk = node:
        (if lib.hasPrefix "/" node.file && !(lib.hasPrefix root node.file) && !(node.nixpenMissing or false)
         then [ node.file ] else [ ])
        ++ lib.concatMap walk node.imports;
    in
    lib.unique (lib.concatMap walk graph);
}
