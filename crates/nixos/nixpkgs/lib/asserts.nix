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
}
