# Small general-purpose helpers: identity, composition, booleans, numbers,
# warnings and version information.
{ lib }:
let
  inherit (builtins) getEnv trace elem;
  # The escape character, for terminal colours.
  esc = builtins.fromJSON "\"\\u001b\"";
in
rec {
  /** Return the argument unchanged. Example: `id 3` => `3` */
  id = x: x;

  /** Ignore the second argument. Example: `const 1 2` => `1` */
  const = x: _: x;

  /** Feed a value through a list of functions, left to right.
      Example: `pipe 2 [ (x: x + 1) (x: x * 10) ]` => `30` */
  pipe = builtins.foldl' (acc: f: f acc);

  /** List concatenation as a function. Example: `concat [ 1 ] [ 2 ]` => `[ 1 2 ]` */
  concat = a: b: a ++ b;

  /** Boolean or. Example: `or true false` => `true` */
  "or" = a: b: a || b;

  /** Boolean and. Example: `and true false` => `false` */
  and = a: b: a && b;

  /** Boolean exclusive or. Example: `xor true true` => `false` */
  xor = a: b: (!a) != (!b);

  /** Multiplication. Example: `mul 2 3` => `6` */
  mul = a: b: a * b;

  /** Integer division. Example: `div 7 2` => `3` */
  div = builtins.div;

  /** Bitwise operations. Example: `bitAnd 6 3` => `2` */
  bitAnd = builtins.bitAnd;
  /** Example: `bitOr 4 1` => `5` */
  bitOr = builtins.bitOr;
  /** Example: `bitXor 5 1` => `4` */
  bitXor = builtins.bitXor;
  /** Bitwise not. Example: `bitNot 0` => `-1` */
  bitNot = builtins.sub (-1);

  /** Render a boolean. Example: `boolToString true` => `"true"` */
  boolToString = b: if b then "true" else "false";

  /** Render a boolean as yes/no. Example: `boolToYesNo false` => `"no"` */
  boolToYesNo = b: if b then "yes" else "no";

  /** Right-biased attribute set union. Example: `mergeAttrs { a = 1; } { a = 2; }` => `{ a = 2; }` */
  mergeAttrs = a: b: a // b;

  /** Swap the first two arguments. Example: `flip builtins.sub 1 10` => `9` */
  flip = f: a: b: f b a;

  /** Use a fallback for null. Example: `defaultTo 3 null` => `3` */
  defaultTo = fallback: v: if v == null then fallback else v;

  /** Apply a function unless the value is null. Example: `mapNullable (x: x + 1) null` => `null` */
  mapNullable = f: v: if v == null then v else f v;

  /** Whether evaluation happens inside nix-shell. Example: `inNixShell` => `false` */
  inNixShell = getEnv "IN_NIX_SHELL" != "";

  /** Whether the value is a float. Example: `isFloat 1.5` => `true` */
  isFloat = builtins.isFloat;

  /** Smaller of two values. Example: `min 1 2` => `1` */
  min = a: b: if a < b then a else b;

  /** Larger of two values. Example: `max 1 2` => `2` */
  max = a: b: if a > b then a else b;

  /** Integer remainder with the sign of the dividend. Example: `mod 7 3` => `1` */
  mod = a: b: a - b * (builtins.div a b);

  /** Three-way comparison. Example: `compare 1 2` => `-1` */
  compare = a: b: if a < b then -1 else if a > b then 1 else 0;

  /** Compare with `p` deciding the group first: values where `p` holds sort before others.
      Example: `splitByAndCompare (lib.hasPrefix "a") compare compare "ab" "b"` => `-1` */
  splitByAndCompare = p: yes: no: a: b:
    if p a then (if p b then yes a b else -1) else if p b then 1 else no a b;

  /** Evaluate the first argument to weak head normal form, return the second.
      Example: `seq 1 2` => `2` */
  seq = builtins.seq;

  /** Fully evaluate the first argument, return the second. Example: `deepSeq [ 1 ] 2` => `2` */
  deepSeq = builtins.deepSeq;

  /** Read a JSON file. Example: `importJSON ./x.json` */
  importJSON = path: builtins.fromJSON (builtins.readFile path);

  /** Read a TOML file. Example: `importTOML ./x.toml` */
  importTOML = path: builtins.fromTOML (builtins.readFile path);

  /** Print a warning and return the second argument; aborts when warnings
      are errors. Uses `builtins.warn` when present, else `builtins.trace`
      honouring `NIX_ABORT_ON_WARN`.
      Example: `warn "careful" 1` => `1` (prints "evaluation warning: careful") */
  warn =
    if builtins ? warn then builtins.warn
    else msg: v:
      assert builtins.isString msg || throw "lib.warn: the first argument must be a string, not a ${builtins.typeOf msg}";
      if elem (getEnv "NIX_ABORT_ON_WARN") [ "1" "true" "yes" ] then
        trace "${esc}[1;31mevaluation warning:${esc}[0m ${msg}"
          (abort "NIX_ABORT_ON_WARN=true; warnings are treated as unrecoverable errors.")
      else
        trace "${esc}[1;35mevaluation warning:${esc}[0m ${msg}" v;

  /** Warn when the condition holds. Example: `warnIf false "x" 1` => `1` */
  warnIf = cond: msg: if cond then warn msg else x: x;

  /** Warn unless the condition holds. Example: `warnIfNot true "x" 1` => `1` */
  warnIfNot = cond: msg: if cond then x: x else warn msg;

  /** Throw when the condition holds. Example: `throwIf false "x" 1` => `1` */
  throwIf = cond: msg: if cond then throw msg else x: x;

  /** Throw unless the condition holds. Example: `throwIfNot true "x" 1` => `1` */
  throwIfNot = cond: msg: if cond then x: x else throw msg;

  /** Throw unless every value is in the allowed list.
      Example: `checkListOfEnum "color" [ "red" ] [ "red" ] true` => `true` */
  checkListOfEnum = msg: valid: given:
    let unexpected = builtins.filter (v: !elem v valid) given;
    in throwIfNot (unexpected == [ ])
      "${msg}: ${builtins.concatStringsSep ", " (map builtins.toString unexpected)} unexpected; valid ones: ${builtins.concatStringsSep ", " (map builtins.toString valid)}";

  /** Print an informational trace. Example: `info "hi" 1` => `1` */
  info = msg: trace "INFO: ${msg}";

  /** Print a list of warnings, then return the value. Example: `showWarnings [ ] 1` => `1` */
  showWarnings = warnings: res: lib.lists.foldr (w: x: warn w x) res warnings;

  /** The release this lib follows. Example: `release` => `"26.11"` */
  release = "26.11";

  /** Code name of the release. Example: `codeName` => `"Zokor"` */
  codeName = "Zokor";

  /** Version string. Example: `version` => `"26.11pre-git"` */
  version = release + versionSuffix;

  /** Suffix of the version string. Example: `versionSuffix` => `"pre-git"` */
  versionSuffix = "pre-git";

  /** Same as `version`. Example: `nixpkgsVersion` => `"26.11pre-git"` */
  nixpkgsVersion = version;

  /** The oldest release still supported by this lib. Example: `oldestSupportedRelease` => `2511` */
  oldestSupportedRelease = 2511;

  /** Whether `release` (YYMM) is no newer than the oldest supported release.
      Example: `isInOldestRelease 2411` => `true` */
  isInOldestRelease = release: release <= oldestSupportedRelease;

  /** Whether the oldest supported release is at least `release`.
      Example: `oldestSupportedReleaseIsAtLeast 2411` => `true` */
  oldestSupportedReleaseIsAtLeast = release: release <= oldestSupportedRelease;

  /** Whether the value can be called. Example: `isFunction { __functor = s: x: x; }` => `true` */
  isFunction = f: builtins.isFunction f || (f ? __functor && isFunction (f.__functor f));

  /** Argument names of a function (or functor) mapped to whether they have defaults.
      Example: `functionArgs ({ a, b ? 1 }: a)` => `{ a = false; b = true; }` */
  functionArgs = f:
    if f ? __functor then f.__functionArgs or (functionArgs (f.__functor f))
    else builtins.functionArgs f;

  /** Attach argument names to a function. Example: `functionArgs (setFunctionArgs (x: x) { a = false; })` => `{ a = false; }` */
  setFunctionArgs = f: args: { __functor = self: f; __functionArgs = args; };

  /** Copy the argument names of `f` to `g`. Example: `mirrorFunctionArgs ({ a }: a) (x: x)` */
  mirrorFunctionArgs = f: let fArgs = functionArgs f; in g: setFunctionArgs g fArgs;

  /** Turn a non-function into a constant function. Example: `toFunction 1 null` => `1` */
  toFunction = v: if isFunction v then v else _: v;

  /** Convert a non-negative integer to hexadecimal. Example: `toHexString 255` => `"FF"` */
  toHexString = n: let
    digits = lib.toBaseDigits 16 n;
    hex = d: builtins.substring d 1 "0123456789ABCDEF";
  in builtins.concatStringsSep "" (map hex digits);

  /** Digits of a non-negative integer in a base. Example: `toBaseDigits 2 6` => `[ 1 1 0 ]` */
  toBaseDigits = base: n:
    assert base >= 2; assert n >= 0;
    let go = n: if n < base then [ n ] else go (builtins.div n base) ++ [ (mod n base) ];
    in go n;

  /** Whether a path exists. Example: `pathExists ./.` => `true` */
  pathExists = builtins.pathExists;


  /** Addition as a function. Example: `add 1 2` => `3` */
  add = builtins.add;
  /** Subtraction as a function. Example: `sub 3 1` => `2` */
  sub = builtins.sub;
  /** `<` as a function. Example: `lessThan 1 2` => `true` */
  lessThan = builtins.lessThan;
  /** Round down. Example: `floor 1.5` => `1` */
  floor = x:
    if builtins ? floor then builtins.floor x
    else if builtins.isInt x then x
    else
      let whole = builtins.fromJSON (builtins.head (builtins.split "\\." (builtins.toJSON x))); in
      if x < 0 && whole != x then whole - 1 else whole;
  /** Round up. Example: `ceil 1.5` => `2` */
  ceil = x: if builtins ? ceil then builtins.ceil x else let f = floor x; in if f == x then f else f + 1;
  /** Parse hexadecimal. Example: `fromHexString "ff"` => `255` */
  fromHexString = s:
    let
      digits = lib.strings.stringToCharacters (lib.strings.toLower (lib.strings.removePrefix "0x" s));
      val = c: { "0" = 0; "1" = 1; "2" = 2; "3" = 3; "4" = 4; "5" = 5; "6" = 6; "7" = 7; "8" = 8; "9" = 9; a = 10; b = 11; c = 12; d = 13; e = 14; f = 15; }.${c};
    in builtins.foldl' (acc: c: acc * 16 + val c) 0 digits;
  /** Whether evaluation is pure. Example: `inPureEvalMode` => `false` */
  inPureEvalMode = !builtins ? currentSystem;
  /** Print a trace message. Example: `trace "hi" 1` => `1` */
  trace = builtins.trace;
}
