# What only the engine knows, once the judges have run: an evaluation
# error (its message and position, as the engine reports it) and the
# warnings the evaluator printed (`lib.warn`). `lesson-checks.nix`'s
# `verdicts` uses these to judge a check whose part failed, and warnings.
{ lib, helpers }:
let
  inherit (helpers) pass fail when contains;
in
rec {
  /** An error as the engine reports it (`{ message; file; line; column; }`,
      `file` absolute or null, `line` and `column` 0 when unknown), its
      file made relative to `dir` when it is one of the learner's. */
  failure = dir: error:
    error // { file = if error.file != null then lib.removePrefix "${dir}/" error.file else null; };

  /** An error as a learner reads it: the message, then where.
      Example: `describe { message = "undefined variable 'x'"; file = "flake.nix"; line = 3; column = 5; }`
      => `"undefined variable 'x' (flake.nix, line 3, column 5)"` */
  describe = f:
    if f.file != null && f.line > 0 then "${f.message} (${f.file}, line ${toString f.line}, column ${toString f.column})"
    else if f.file != null then "${f.message} (${f.file})"
    else f.message;

  /** The text of an evaluator's warning line (`evaluation warning: …` or
      `warning: …`); null for other lines (`trace: …`). */
  warningText = line:
    if lib.hasPrefix "evaluation warning: " line then lib.removePrefix "evaluation warning: " line
    else if lib.hasPrefix "warning: " line then lib.removePrefix "warning: " line
    else null;

  /** A warning among `warnings` mentions the text (`present`), or none does. */
  warning = warnings: test:
    let found = lib.findFirst (contains test.contains) null warnings; in
    if (found != null) == test.present then pass
    else if !test.present then fail "a warning says: ${found}"
    else if warnings == [ ] then fail "there are no warnings"
    else fail "the warnings are: ${builtins.concatStringsSep " / " warnings}";

  /** The verdict on a check of `kind` (with the fields `test`) whose
      judging failed with the error `f` (see `failure`); `printed`: the
      evaluator's warnings. */
  failed = f: printed: kind: test:
    let
      about = describe f;
      at = name: test.${name} or null == null || test.${name} == f.${name};
    in
    if kind == "evaluates" then fail "evaluation fails: ${about}"
    else if kind == "error" then
      when (contains test.contains f.message && at "file" && at "line" && at "column") "the error is: ${about}"
    else if kind == "warning" then warning printed test
    else if kind == "option" then fail "the options your modules declare cannot be read: ${about}"
    else if kind == "value" then fail "config.${test.path} cannot be read: ${about}"
    else if kind == "output" then fail "the output ${test.path} cannot be read: ${about}"
    else fail "the configuration does not evaluate: ${about}";
}
