lib:
let
  t = lib.types;
  ex = lib.nixpen.explain;
  ev = lib.evalModules {
    modules = [
      {
        options.service = lib.mkOption { type = t.attrsOf t.str; default = { }; };
        options.other = lib.mkOption { type = t.attrsOf t.str; default = { }; };
        options.hosts = lib.mkOption { type = t.attrsOf (t.submodule { options.root = lib.mkOption { type = t.str; default = "/"; }; }); default = { }; };
        options.port = lib.mkOption { type = t.port; default = 80; };
        options.off = lib.mkOption { type = t.int; default = 1; };
      }
      {
        _file = "/modules/second.nix";
        service.Restart = lib.mkDefault "always";
        other = lib.mkDefault { User = "nobody"; };
        hosts.a.root = lib.mkForce "/srv";
        off = lib.mkIf false 2;
      }
      {
        _file = "/modules/third.nix";
        service.Restart = "on-failure";
        other.Group = "wheel";
        hosts.a.root = "/var";
      }
    ];
  };
  restart = ex.option ev.options [ "service" "Restart" ];
  user = ex.option ev.options [ "other" "User" ];
  root = ex.option ev.options [ "hosts" "a" "root" ];
  port = ex.option ev.options [ "port" ];
  off = ex.option ev.options [ "off" ];
  brief = d: { inherit (d) line priority priorityName won; };
in
{
  testPriorityNames = { expr = map ex.priorityName [ 50 100 1000 1500 900 ]; expected = [ "mkForce" "plain" "mkDefault" "option default" "mkOverride 900" ]; };
  testOrderNames = { expr = map ex.orderName [ 500 1000 1500 ]; expected = [ "mkBefore" null "mkAfter" ]; };
  testJsonSafe = { expr = builtins.isString (builtins.toJSON [ restart user root port off ]); expected = true; };

  # An attribute set by mkDefault in one module and plainly in another:
  # both definitions, with their lines, the plain one winning (later
  # modules' definitions come first, as the module system lists them).
  testAttributeKind = { expr = [ restart.kind restart.option restart.value restart.type ]; expected = [ "attribute" "service" "on-failure" "string" ]; };
  testAttributeDefinitions = {
    expr = map brief restart.definitions;
    expected = [
      { line = 23; priority = 100; priorityName = "plain"; won = true; }
      { line = 16; priority = 1000; priorityName = "mkDefault"; won = false; }
    ];
  };
  testAttributeLost = { expr = lib.hasInfix "beats 1000 (mkDefault)" (builtins.elemAt restart.definitions 1).lost; expected = true; };
  testAttributeWhy = { expr = lib.hasPrefix "The definition at explain.nix:23:" restart.why; expected = true; };

  # A whole set given by mkDefault loses every key to any plain definition
  # of the option, even one that does not set the key.
  testWholeSetLoses = {
    expr = [ user.isDefined (map (d: { inherit (d) priorities won; }) user.definitions) ];
    expected = [ false [ { priorities = [ 1000 100 ]; won = false; } ] ];
  };
  testWholeSetReason = { expr = lib.hasInfix "compared for the whole option first" (builtins.head user.definitions).lost; expected = true; };

  # Inside a submodule entry: the entry's own option, mkForce winning.
  testSubmoduleOption = {
    expr = [ root.kind root.name root.value (map brief root.definitions) ];
    expected = [ "option" "hosts.a.root" "/srv" [
      { line = 10; priority = 1500; priorityName = "option default"; won = false; }
      { line = 18; priority = 50; priorityName = "mkForce"; won = true; }
      { line = 25; priority = 100; priorityName = "plain"; won = false; }
    ] ];
  };
  testDefaultOnly = { expr = [ port.value port.why ]; expected = [ 80 "Nothing defines `port`, so the option's default applies." ]; };
  testSwitchedOff = {
    expr = [ off.value (map (d: { inherit (d) active won lost; }) off.definitions) ];
    expected = [ 1 [ { active = true; won = true; lost = null; } { active = false; won = false; lost = "switched off by `mkIf false`"; } ] ];
  };
  testUnknown = { expr = (ex.option ev.options [ "nope" "x" ]).kind; expected = "unknown"; };

  testDefinedBy = {
    # Where each name is written (both modules are in this file), not the
    # modules' `_file`; `off` has no names.
    expr = map (o: builtins.mapAttrs (_: map baseNameOf) (ex.definedBy o)) [ ev.options.hosts ev.options.other ];
    expected = [ { a = [ "explain.nix" ]; } { Group = [ "explain.nix" ]; User = [ "explain.nix" ]; } ];
  };

  # Lines of rendered files: the options each names, explained once.
  testOutputs = {
    expr =
      let
        lines = { "f" = [ { text = "Restart=on-failure"; from = { options = [ [ "service" "Restart" ] ]; note = null; }; }
                          { text = ""; from = { options = [ ]; note = "layout"; }; } ]; };
        out = ex.outputs { inherit (ev) options; inherit lines; texts = true; };
      in [ out.names out.files (builtins.attrNames out.options) out.options."service.Restart".value out.texts ];
    expected = [ [ "f" ] { f = [ { options = [ "service.Restart" ]; note = null; } { options = [ ]; note = "layout"; } ]; }
      [ "service.Restart" ] "on-failure" { f = "Restart=on-failure\n\n"; } ];
  };
}
