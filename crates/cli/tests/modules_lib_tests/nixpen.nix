lib:
let
  t = lib.types;
  ev = lib.evalModules {
    modules = [
      {
        options.port = lib.mkOption { type = t.port; default = 80; description = "Port."; example = 8080; };
        options.hosts = lib.mkOption { type = t.attrsOf (t.submodule { options.root = lib.mkOption { type = t.str; }; }); default = { }; };
        options.f = lib.mkOption { type = t.functionTo t.int; default = x: 1; };
        options.bad = lib.mkOption { type = t.int; };
      }
      {
        port = lib.mkForce 443;
        hosts.a.root = "/srv";
        bad = "no";
      }
      { port = 8000; }
    ];
  };
  data = lib.nixpen.optionsToData ev.options;
  byName = builtins.listToAttrs (map (r: { name = r.name; value = r; }) data);
  port = byName.port;
in
{
  testNames = { expr = map (r: r.name) data; expected = [ "bad" "f" "hosts" "hosts.a.root" "port" ]; };
  testJsonSafe = { expr = builtins.isString (builtins.toJSON data); expected = true; };
  testPortValue = { expr = [ port.value port.type port.description port.isDefined port.highestPrio ]; expected = [ 443 "16 bit unsigned integer; between 0 and 65535 (both inclusive)" "Port." true 50 ]; };
  testPortDefaultExample = { expr = [ port.default port.example ]; expected = [ { kind = "value"; text = "80"; } { kind = "value"; text = "8080"; } ]; };
  testPortDefinitions = {
    expr = map (d: { inherit (d) priority value won active default; hasLine = d.line != null; }) port.definitions;
    expected = [
      { priority = 1500; value = 80; won = false; active = true; default = true; hasLine = true; }
      { priority = 100; value = 8000; won = false; active = true; default = false; hasLine = true; }
      { priority = 50; value = 443; won = true; active = true; default = false; hasLine = true; }
    ];
  };
  testDeclarationLine = { expr = (builtins.head port.declarations).line; expected = 7; };
  # The default sits at the declaration; later modules define first.
  testDefinitionLine = { expr = map (d: d.line) port.definitions; expected = [ 7 17 13 ]; };
  testFunctionValue = { expr = byName.f.value; expected = "<function>"; };
  testBadValue = { expr = [ byName.bad.error byName.bad.value ]; expected = [ true null ]; };
  testSubmoduleEntry = { expr = [ byName."hosts.a.root".value byName."hosts.a.root".loc ]; expected = [ "/srv" [ "hosts" "a" "root" ] ]; };
  testToData = { expr = lib.nixpen.toData 2 { a = x: x; b.c.d = 1; p = /x; }; expected = { a = "<function>"; b.c = "…"; p = "/x"; }; };
  # Positions survive mkIf / mkMerge / mkForce around the definitions.
  testPositionUnderMkIf = {
    expr =
      let
        e = lib.evalModules {
          modules = [
            { options.a = lib.mkOption { type = t.int; }; }
            { config = lib.mkIf true (lib.mkMerge [ { a = lib.mkForce 1; } ]); }
          ];
        };
        d = builtins.head (builtins.head (lib.nixpen.optionsToData e.options)).definitions;
      in [ d.line d.priority d.won ];
    expected = [ 51 50 true ];
  };
  # Inactive branches are shown, never evaluated.
  testResolveProperties = {
    expr = lib.nixpen.resolveProperties 4 { a = lib.mkIf false (throw "never"); b = lib.mkForce (lib.mkIf true 1); c = lib.mkMerge [ 1 2 ]; };
    expected = { a = "<mkIf false>"; b = 1; c = [ 1 2 ]; };
  };
  # The input a form offers for each kind of type.
  testTypeForms = {
    expr = map lib.nixpen.typeForm [
      t.bool t.port (t.ints.between (-3) 7) t.str (t.enum [ "a" 1 ]) (t.listOf t.str) (t.attrsOf t.int)
      (t.nullOr t.port) t.package t.ints.unsigned t.lines t.path
    ];
    expected = [
      { kind = "bool"; }
      { kind = "int"; min = 0; max = 65535; }
      { kind = "int"; min = -3; max = 7; }
      { kind = "str"; }
      { kind = "enum"; values = [ { label = "a"; value = "a"; } { label = "1"; value = 1; } ]; }
      { kind = "list"; elem = { kind = "str"; }; }
      { kind = "attrs"; elem = { kind = "int"; min = null; max = null; }; }
      { kind = "nullOr"; elem = { kind = "int"; min = 0; max = 65535; }; }
      { kind = "other"; }
      { kind = "int"; min = 0; max = null; }
      { kind = "str"; }
      { kind = "str"; }
    ];
  };
  testPortForm = { expr = port.form; expected = { kind = "int"; min = 0; max = 65535; }; };
  # A default or example that throws does not hide the option (or the others).
  testThrowingDefault = {
    expr =
      let
        e = lib.evalModules { modules = [ { options.b = lib.mkOption { type = t.str; default = throw "no"; example = throw "no"; }; } ]; };
        o = builtins.head (lib.nixpen.optionsToData e.options);
      in [ o.default.text o.example.text o.error o.form.kind ];
    expected = [ "<error>" "<error>" true "str" ];
  };
  testInternalSkipped = {
    expr = map (r: r.name) (lib.nixpen.optionsToData (lib.evalModules { modules = [ { options.i = lib.mkOption { internal = true; default = 1; }; options.v = lib.mkOption { default = 2; }; } ]; }).options);
    expected = [ "v" ];
  };
}
