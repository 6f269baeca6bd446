lib:
let g = lib.generators; in
{
  testToKeyValue = { expr = g.toKeyValue { } { a = 1; b = "x"; }; expected = "a=1\nb=x\n"; };
  testToKeyValueDup = {
    expr = g.toKeyValue { listsAsDuplicateKeys = true; } { a = [ 1 2 ]; };
    expected = "a=1\na=2\n";
  };
  testMkKeyValueDefault = { expr = g.mkKeyValueDefault { } ":" "a:b" true; expected = "a\\:b:true"; };
  testToINI = {
    expr = g.toINI { } { main = { a = 1; }; "x[y]" = { b = false; }; };
    expected = "[main]\na=1\n\n[x\\[y\\]]\nb=false\n";
  };
  testToINIGlobal = {
    expr = g.toINIWithGlobalSection { } { globalSection = { g = 1; }; sections = { s.k = "v"; }; };
    expected = "g=1\n\n[s]\nk=v\n";
  };
  testToGitINI = {
    expr = g.toGitINI { user.name = "me"; url."git@x".insteadOf = "https://x"; };
    expected = "[url \"git@x\"]\n\tinsteadOf = \"https://x\"\n\n[user]\n\tname = \"me\"\n";
  };
  testToPrettyAttrs = { expr = g.toPretty { } { a = [ 1 "x" ]; "b c" = null; }; expected = "{\n  a = [\n    1\n    \"x\"\n  ];\n  \"b c\" = null;\n}"; };
  testToPrettyOneLine = { expr = g.toPretty { multiline = false; } { a = { }; b = [ ]; }; expected = "{ a = { }; b = [ ]; }"; };
  testToPrettyMultilineString = { expr = g.toPretty { } "a\nb"; expected = "''\n  a\n  b''"; };
  testToPrettyFunction = { expr = g.toPretty { } ({ a, b ? 1 }: a); expected = "<function, args: {a, b?}>"; };
  testToPrettyDerivation = { expr = g.toPretty { } { type = "derivation"; name = "hello"; }; expected = "<derivation hello>"; };
  testWithRecursion = {
    expr = g.withRecursion { depthLimit = 1; throwOnDepthLimit = false; } { a.b.c = 1; };
    expected = { a.b = "<unevaluated>"; };
  };
  testToJSON = { expr = g.toJSON { } { a = [ 1 ]; }; expected = "{\"a\":[1]}"; };
  testCommandLineGNU = { expr = lib.cli.toCommandLineGNU { } { v = true; out = "x"; n = null; q = false; I = [ "a" "b" ]; }; expected = [ "-Ia" "-Ib" "--out=x" "-v" ]; };
  testGVariant = { expr = toString (lib.gvariant.mkValue [ "a" "b" ]); expected = "@as ['a','b']"; };
}
