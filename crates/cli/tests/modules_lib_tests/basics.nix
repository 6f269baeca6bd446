lib:
{
  testConcatMapStringsSep = { expr = lib.concatMapStringsSep "," toString [ 1 2 ]; expected = "1,2"; };
  testSplitString = { expr = lib.splitString "." "a.b..c"; expected = [ "a" "b" "" "c" ]; };
  testHasInfix = { expr = [ (lib.hasInfix "b.c" "ab.cd") (lib.hasInfix "x" "abc") ]; expected = [ true false ]; };
  testRemoveSuffix = { expr = lib.removeSuffix ".nix" "a.nix"; expected = "a"; };
  testEscapeShellArg = { expr = lib.escapeShellArg "it's"; expected = "'it'\\''s'"; };
  testEscapeShellArgPlain = { expr = lib.escapeShellArg "abc/d-1"; expected = "abc/d-1"; };
  testEscapeNixIdentifier = { expr = map lib.strings.escapeNixIdentifier [ "a" "a b" "1x" ]; expected = [ "a" "\"a b\"" "\"1x\"" ]; };
  testToInt = { expr = [ (lib.toInt " 42 ") (lib.toInt "-3") (lib.toIntBase10 "007") ]; expected = [ 42 (-3) 7 ]; };
  testToIntLeadingZero = { expr = (builtins.tryEval (lib.toInt "042")).success; expected = false; };
  testToIntBad = { expr = (builtins.tryEval (lib.toInt "4x")).success; expected = false; };
  testTrim = { expr = lib.trim " \t a b \n"; expected = "a b"; };
  testFixedWidth = { expr = lib.fixedWidthNumber 4 42; expected = "0042"; };
  testToUpper = { expr = lib.toUpper "abC"; expected = "ABC"; };
  testLevenshtein = { expr = [ (lib.strings.levenshtein "kitten" "sitting") (lib.strings.levenshtein "" "ab") ]; expected = [ 3 2 ]; };
  testVersionOlder = { expr = [ (lib.versionOlder "1.2" "1.10") (lib.versionAtLeast "2.0" "2.0") ]; expected = [ true true ]; };
  testSanitizeDerivationName = { expr = lib.strings.sanitizeDerivationName "..foo bar"; expected = "foo-bar"; };
  testMakeBinPath = { expr = lib.makeBinPath [ "/a" "/b" ]; expected = "/a/bin:/b/bin"; };

  testFoldr = { expr = lib.foldr (x: acc: "${x}${acc}") "!" [ "a" "b" ]; expected = "ab!"; };
  testFoldl = { expr = lib.foldl (acc: x: "${acc}${x}") "!" [ "a" "b" ]; expected = "!ab"; };
  testUnique = { expr = lib.unique [ 3 1 3 2 1 ]; expected = [ 3 1 2 ]; };
  testSublist = { expr = lib.sublist 1 10 [ 1 2 3 ]; expected = [ 2 3 ]; };
  testRange = { expr = lib.range 3 5; expected = [ 3 4 5 ]; };
  testFlatten = { expr = lib.flatten [ 1 [ 2 [ [ 3 ] ] ] ]; expected = [ 1 2 3 ]; };
  testLastInit = { expr = [ (lib.last [ 1 2 ]) (lib.init [ 1 2 ]) ]; expected = [ 2 [ 1 ] ]; };
  testSortOn = { expr = lib.sortOn (s: builtins.stringLength s) [ "ccc" "a" "bb" ]; expected = [ "a" "bb" "ccc" ]; };
  testToposort = { expr = lib.toposort (a: b: a < b) [ 3 1 2 ]; expected = { result = [ 1 2 3 ]; }; };
  testNaturalSort = { expr = lib.naturalSort [ "a10" "a2" "a1" ]; expected = [ "a1" "a2" "a10" ]; };
  testZipLists = { expr = lib.zipListsWith (a: b: a + b) [ 1 2 3 ] [ 10 20 ]; expected = [ 11 22 ]; };
  testFindFirst = { expr = lib.findFirst (x: x > 1) null [ 1 2 3 ]; expected = 2; };
  testCount = { expr = lib.count (x: x == 1) [ 1 2 1 ]; expected = 2; };

  testAttrByPath = { expr = [ (lib.attrByPath [ "a" "b" ] 0 { a.b = 1; }) (lib.attrByPath [ "a" "c" ] 0 { a.b = 1; }) ]; expected = [ 1 0 ]; };
  testSetAttrByPath = { expr = lib.setAttrByPath [ "a" "b" ] 1; expected = { a.b = 1; }; };
  testRecursiveUpdate = { expr = lib.recursiveUpdate { a.b = 1; a.c = 1; } { a.c = 2; d = 3; }; expected = { a = { b = 1; c = 2; }; d = 3; }; };
  testFilterAttrs = { expr = lib.filterAttrs (n: v: v > 1) { a = 1; b = 2; }; expected = { b = 2; }; };
  testMapAttrsToList = { expr = lib.mapAttrsToList (n: v: "${n}=${toString v}") { b = 2; a = 1; }; expected = [ "a=1" "b=2" ]; };
  testMapAttrsRecursive = { expr = lib.mapAttrsRecursive (p: v: lib.concatStringsSep "." p) { a.b = 1; c = 2; }; expected = { a.b = "a.b"; c = "c"; }; };
  testZipAttrsWith = { expr = lib.zipAttrsWith (n: vs: vs) [ { a = 1; } { a = 2; b = 3; } ]; expected = { a = [ 1 2 ]; b = [ 3 ]; }; };
  testCartesianProduct = { expr = lib.cartesianProduct { a = [ 1 2 ]; b = [ "x" ]; }; expected = [ { a = 1; b = "x"; } { a = 2; b = "x"; } ]; };
  testCollect = { expr = lib.collect builtins.isInt { a = 1; b.c = 2; d = "x"; }; expected = [ 1 2 ]; };
  testConcatMapAttrs = { expr = lib.concatMapAttrs (n: v: { "${n}1" = v; }) { a = 1; }; expected = { a1 = 1; }; };
  testGenAttrs = { expr = lib.genAttrs [ "a" "b" ] (n: n + n); expected = { a = "aa"; b = "bb"; }; };
  testShowAttrPath = { expr = lib.showAttrPath [ "a" "b c" ]; expected = "a.\"b c\""; };

  testPipe = { expr = lib.pipe 1 [ (x: x + 1) (x: x * 3) ]; expected = 6; };
  testFunctionArgsFunctor = { expr = lib.functionArgs (lib.setFunctionArgs (x: x) { a = true; }); expected = { a = true; }; };
  testFix = { expr = (lib.fix (self: { a = 1; b = self.a + 1; })).b; expected = 2; };
  testMakeExtensible = { expr = ((lib.makeExtensible (self: { a = 1; b = self.a; })).extend (final: prev: { a = 5; })).b; expected = 5; };
  testLibExtend = { expr = (lib.extend (final: prev: { answer = 42; })).answer; expected = 42; };
  testTextClosure = {
    expr = lib.textClosureList { a = lib.noDepEntry "A"; b = lib.stringAfter [ "a" ] "B"; } [ "b" "a" ];
    expected = [ "A" "B" ];
  };
  testToHexString = { expr = lib.toHexString 255; expected = "FF"; };
}
