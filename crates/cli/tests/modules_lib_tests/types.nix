lib:
let
  t = lib.types;
  eval = modules: lib.evalModules { inherit modules; };
  value = type: defs: (eval ([ { options.x = lib.mkOption { inherit type; }; } ] ++ map (d: { x = d; }) defs)).config.x;
  fails = type: defs: !(builtins.tryEval (builtins.deepSeq (value type defs) null)).success;
in
{
  testDescriptions = {
    expr = map (x: x.description) [
      t.port t.ints.unsigned (t.listOf t.str) (t.attrsOf (t.nullOr t.int)) (t.either t.int t.str)
      (t.enum [ "a" 1 true ]) (t.strMatching "[a-z]+") t.lines (t.functionTo t.bool) (t.nonEmptyListOf t.str)
      (t.coercedTo t.int toString t.str) t.path t.pathInStore (t.submodule { }) (t.lazyAttrsOf t.anything)
    ];
    expected = [
      "16 bit unsigned integer; between 0 and 65535 (both inclusive)"
      "unsigned integer, meaning >=0"
      "list of string"
      "attribute set of (null or signed integer)"
      "signed integer or string"
      "one of \"a\", 1, true"
      "string matching the pattern [a-z]+"
      "strings concatenated with \"\\n\""
      "function that evaluates to a(n) boolean"
      "non-empty (list of string)"
      "string or signed integer convertible to it"
      "absolute path"
      "path in the Nix store"
      "submodule"
      "lazy attribute set of anything"
    ];
  };
  testListsConcatenate = { expr = value (t.listOf t.int) [ [ 1 ] [ 2 3 ] ]; expected = [ 2 3 1 ]; };
  testOrder = { expr = value (t.listOf t.int) [ [ 1 ] (lib.mkBefore [ 0 ]) (lib.mkAfter [ 9 ]) ]; expected = [ 0 1 9 ]; };
  testPriority = { expr = value t.int [ 1 (lib.mkForce 2) (lib.mkDefault 3) ]; expected = 2; };
  testMkIf = { expr = value (t.listOf t.int) [ (lib.mkIf false [ 1 ]) (lib.mkIf true [ 2 ]) ]; expected = [ 2 ]; };
  # Later modules in the list define first, as in nixpkgs.
  testLines = { expr = value t.lines [ "a" "b" ]; expected = "b\na"; };
  testAttrsMerge = { expr = value (t.attrsOf t.int) [ { a = 1; } { b = 2; } ]; expected = { a = 1; b = 2; }; };
  testConflict = { expr = fails t.int [ 1 2 ]; expected = true; };
  testPortRange = { expr = [ (fails t.port [ 70000 ]) (fails t.port [ 22 ]) ]; expected = [ true false ]; };
  testCoerced = { expr = value (t.coercedTo t.int toString t.str) [ 5 ]; expected = "5"; };
  testSubmodule = {
    expr = value (t.attrsOf (t.submodule ({ name, ... }: { options.n = lib.mkOption { default = name; }; }))) [ { foo = { }; } ];
    expected = { foo.n = "foo"; };
  };
  testEither = { expr = [ (value (t.either t.int t.str) [ "x" ]) (value (t.either t.int t.str) [ 1 ]) ]; expected = [ "x" 1 ]; };
  testNullOr = { expr = value (t.nullOr t.str) [ null ]; expected = null; };
  testBoolByOr = { expr = value t.boolByOr [ false true ]; expected = true; };
  testSeparated = { expr = value t.commas [ "a" "b" ]; expected = "b,a"; };
  testAnything = { expr = value t.anything [ { a.b = 1; } { a.c = [ 2 ]; } ]; expected = { a = { b = 1; c = [ 2 ]; }; }; };
  testEmptyValue = { expr = (eval [ { options.x = lib.mkOption { type = t.listOf t.int; }; } ]).config.x; expected = [ ]; };
  testMkEnable = { expr = (eval [ { options.e = lib.mkEnableOption "thing"; } ]).options.e.description; expected = "Whether to enable thing."; };
  testDocList = {
    expr = map (o: o.name) (lib.optionAttrSetToDocList (eval [ { options.a.b = lib.mkOption { type = t.int; default = 1; }; } ]).options);
    expected = [ "_module.args" "_module.check" "_module.freeformType" "_module.specialArgs" "a.b" ];
  };
  testRenamed = {
    expr = (eval [
      { options.new = lib.mkOption { type = t.int; }; }
      (lib.mkAliasOptionModule [ "old" ] [ "new" ])
      { old = 5; }
    ]).config.new;
    expected = 5;
  };
  testExtendModules = {
    expr = ((eval [ { options.x = lib.mkOption { default = 1; }; } ]).extendModules { modules = [ { x = lib.mkForce 2; } ]; }).config.x;
    expected = 2;
  };
  testFreeform = {
    expr = (eval [ { freeformType = t.attrsOf t.int; options.a = lib.mkOption { type = t.int; }; config = { a = 1; b = 2; }; } ]).config;
    expected = { a = 1; b = 2; };
  };
}
