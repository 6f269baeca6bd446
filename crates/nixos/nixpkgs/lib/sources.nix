# Source filtering helpers.
{ lib }:
rec {
  /** Filter a source path with `filter path type`. Example: `cleanSourceWith { src = ./.; filter = _: _: true; }` */
  cleanSourceWith = { src, filter ? (_: _: true), name ? null }:
    builtins.path ({ path = src; filter = filter; } // lib.attrsets.optionalAttrs (name != null) { inherit name; });

  /** Whether a path is a version-control or editor leftover. */
  cleanSourceFilter = name: type:
    let base = baseNameOf (toString name); in
    !((type == "directory" && builtins.elem base [ ".git" ".svn" ".hg" ]) || lib.strings.hasSuffix "~" base
      || builtins.match "^\\.sw[a-z]$" base != null || lib.strings.hasSuffix ".o" base);

  /** Copy a source without VCS files. Example: `cleanSource ./.` */
  cleanSource = src: cleanSourceWith { filter = cleanSourceFilter; inherit src; };
}
