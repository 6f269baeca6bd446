# Assertions with readable messages.
{ lib }:
{
  /** Throw `msg` unless `pred`; return true otherwise.
      Example: `assertMsg (1 == 1) "math broke"` => `true` */
  assertMsg = pred: msg: pred || builtins.throw msg;

  /** Check that a value is one of the allowed ones.
      Example: `assertOneOf "color" "red" [ "red" "blue" ]` => `true` */
  assertOneOf = name: val: xs:
    lib.assertMsg (lib.elem val xs)
      "${name} must be one of ${lib.generators.toPretty { } xs}, but is: ${lib.generators.toPretty { } val}";

  /** Check that every value is one of the allowed ones.
      Example: `assertEachOneOf "colors" [ "red" ] [ "red" "blue" ]` => `true` */
  assertEachOneOf = name: vals: xs:
    lib.assertMsg (lib.all (v: lib.elem v xs) vals)
      "each element in ${name} must be one of ${lib.generators.toPretty { } xs}, but is: ${lib.generators.toPretty { } vals}";

  /** NixOS-style check: throw "Failed assertions:" listing the messages of
      failed `{ assertion, message }` records, else print `warnings` and
      return `val`. Example: `checkAssertWarn [ { assertion = true; message = "x"; } ] [ ] 1` => `1` */
  checkAssertWarn = assertions: warnings: val:
    let failed = map (a: a.message) (builtins.filter (a: !a.assertion) assertions); in
    if failed != [ ] then
      throw "\nFailed assertions:\n${builtins.concatStringsSep "\n" (map (m: "- ${m}") failed)}"
    else lib.trivial.showWarnings warnings val;
}
