# Where every line of the tutorial's final flake's rendered files comes
# from, each option named explained (what the playground asks for when a
# view explains the outputs; not part of a render). Files are given by
# their base names: nixpkgs is at another path for nix-instantiate.
let
  c = (import <nixpkgs/flake> { src = ../../examples/tutorial/5-final; }).nixosConfigurations.container;
  out = (import <nixpkgs/lib>).nixpen.explain.outputs { inherit (c) options; lines = c.config.system.build.nixpenLines; };
  short = p: p // { file = baseNameOf p.file; };
in
out // {
  options = builtins.mapAttrs (_: o: o // {
    definitions = map short (o.definitions or [ ]);
    declarations = map short (o.declarations or [ ]);
  }) out.options;
}
