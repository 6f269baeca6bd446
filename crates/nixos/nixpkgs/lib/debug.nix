# Tracing helpers for debugging Nix code.
{ lib }:
rec {
  /** Trace `x` and return it. Example: `traceVal 1` => `1` (prints "trace: 1") */
  traceVal = x: builtins.trace x x;

  /** Trace a fully evaluated value, return the second argument. Example: `traceSeq { a = 1; } 2` => `2` */
  traceSeq = x: y: builtins.trace (builtins.deepSeq x x) y;

  /** Trace a fully evaluated value and return it. Example: `traceValSeq [ 1 ]` => `[ 1 ]` */
  traceValSeq = v: traceSeq v v;

  /** Trace when the condition holds. Example: `traceIf true "hi" 1` => `1` */
  traceIf = pred: msg: x: if pred then builtins.trace msg x else x;

  /** Trace `f x`, return `x`. Example: `traceValFn (x: "v=${toString x}") 1` => `1` */
  traceValFn = f: x: builtins.trace (f x) x;

  /** Trace the arguments and result of a function. Example: `traceFnSeqN 1 "f" (x: x) 1` => `1` */
  traceFnSeqN = depth: name: f: v:
    let res = f v; in
    builtins.trace (lib.generators.toPretty { multiline = false; } { fn = name; from = v; to = res; }) res;

  /** Run a list of test cases, returning the failures.
      Example: `runTests { testId = { expr = 1; expected = 1; }; }` => `[ ]` */
  runTests = tests: lib.lists.concatMap (name:
    let t = tests.${name}; in
    if builtins.substring 0 4 name == "test" && t ? expr && t.expr != t.expected
    then [ { inherit name; expected = t.expected; result = t.expr; } ] else [ ]
  ) (builtins.attrNames tests);

  /** Identity used to mark a test's expression. Example: `testAllTrue [ true ]` => `[ true ]` */
  testAllTrue = expr: { inherit expr; expected = map (x: true) expr; };

  /** Trace a value forced to depth `depth`, return the second argument.
      Example: `traceSeqN 1 { a.b = 1; } 2` => `2` */
  traceSeqN = depth: x: y:
    builtins.trace (lib.generators.toPretty { multiline = false; } (lib.generators.withRecursion { depthLimit = depth; throwOnDepthLimit = false; } x)) y;
  /** Trace `f v` forced deeply, return `v`. Example: `traceValSeqFn toString 1` => `1` */
  traceValSeqFn = f: v: let r = f v; in traceSeq r v;
  /** Trace a value to a depth, return it. Example: `traceValSeqN 1 [ 1 ]` => `[ 1 ]` */
  traceValSeqN = depth: v: traceSeqN depth v v;
  /** `traceValSeqN` of `f v`. */
  traceValSeqNFn = f: depth: v: traceSeqN depth (f v) v;
  /** Throw a readable message for failed `runTests` results. */
  throwTestFailures = { failures, description ? "tests" }:
    if failures == [ ] then null
    else throw "${toString (builtins.length failures)} ${description} failed:\n${lib.generators.toPretty { } failures}";
}
