# What a module graph (lib.evalModules' `graph`) says of a configuration's
# files: { missingImports; sourceFiles; }, the values of the options
# nixpen.missingImports and nixpen.sourceFiles (modules/misc/nixpen.nix).
{ lib }:

let
  # The files the module graph `graph` imports that are not there, each
  # { file; importedBy; } (lib/modules.nix marks them).
  missingImports = graph:
    let
      walk = parent: node:
        (if node.nixpenMissing or false then [ { inherit (node) file; importedBy = parent; } ] else [ ])
        ++ lib.concatMap (walk node.file) node.imports;
    in
    lib.concatMap (walk "the configuration") graph;

  # The files of the module graph `graph` that are the configuration's
  # own: not this tree's, and there.
  ownFiles = graph:
    let
      root = toString ../..;
      walk = node:
        (if lib.hasPrefix "/" node.file && !(lib.hasPrefix "${root}/" node.file) && !(node.nixpenMissing or false)
         then [ node.file ] else [ ])
        ++ lib.concatMap walk node.imports;
    in
    lib.unique (lib.concatMap walk graph);
in
graph: {
  missingImports = missingImports graph;
  sourceFiles = ownFiles graph;
}
