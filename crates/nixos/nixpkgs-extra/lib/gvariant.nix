# GVariant text format values (for dconf settings).
{ lib }:
let
  inherit (lib.strings) concatMapStringsSep concatStrings escape;

  # A typed value printing as `@TYPE VALUE` unless it overrides __toString.
  typed = t: v: { _type = "gvariant"; type = t; value = v; __toString = self: "@${self.type} ${toString self.value}"; };
  withText = f: v: v // { __toString = f; };

  type = {
    arrayOf = t: "a${t}";
    maybeOf = t: "m${t}";
    tupleOf = ts: "(${concatStrings ts})";
    dictionaryEntryOf = k: v: "{${k}${v}}";
    string = "s"; boolean = "b"; uchar = "y"; int16 = "n"; uint16 = "q"; int32 = "i";
    uint32 = "u"; int64 = "x"; uint64 = "t"; double = "d"; variant = "v";
  };

  intKinds = [
    { name = "mkInt32"; type = type.int32; min = -2147483648; max = 2147483647; }
    { name = "mkUint32"; type = type.uint32; min = 0; max = 4294967295; }
    { name = "mkInt64"; type = type.int64; min = null; max = null; }
    { name = "mkUint64"; type = type.uint64; min = 0; max = null; }
    { name = "mkInt16"; type = type.int16; min = -32768; max = 32767; }
    { name = "mkUint16"; type = type.uint16; min = 0; max = 65535; }
    { name = "mkUchar"; type = type.uchar; min = 0; max = 255; }
  ];
in
rec {
  /** GVariant type strings. Example: `type.arrayOf type.string` => `"as"` */
  inherit type;

  /** Whether a value is a GVariant. Example: `isGVariant (mkInt32 1)` => `true` */
  isGVariant = v: v._type or "" == "gvariant";

  /** Integer constructors with their ranges. */
  intConstructors = intKinds;

  /** Infer a GVariant from a Nix value (ints must be wrapped explicitly).
      Example: `toString (mkValue [ "a" ])` => `"@as ['a']"` */
  mkValue = v:
    if builtins.isBool v then mkBoolean v
    else if builtins.isFloat v then mkDouble v
    else if builtins.isString v then mkString v
    else if builtins.isList v then mkArray v
    else if isGVariant v then v
    else if builtins.isInt v then
      let fits = builtins.filter ({ min, max, ... }: (min == null || min <= v) && (max == null || v <= max)) intKinds; in
      throw ''
        The GVariant type for number “${toString v}” is unclear.
        Please wrap the value with one of the following, depending on the value type in GSettings schema:
        ${concatMapStringsSep "\n" ({ name, type, ... }: "- `lib.gvariant.${name}` for `${type}`") fits}
      ''
    else if builtins.isAttrs v then
      throw "Cannot construct GVariant value from an attribute set. If you want to construct a dictionary, you will need to create an array containing items constructed with `lib.gvariant.mkDictionaryEntry`."
    else throw "The GVariant type of “${builtins.typeOf v}” can't be inferred.";

  /** A non-empty array. Example: `toString (mkArray [ (mkInt32 1) ])` => `"@ai [1]"` */
  mkArray = elems:
    let
      vs = map mkValue (lib.trivial.throwIf (elems == [ ]) "Please create empty array with mkEmptyArray." elems);
      t = lib.trivial.throwIfNot (builtins.all (v: v.type == (builtins.head vs).type) vs)
        "Elements in a list should have same type." (builtins.head vs).type;
    in withText (self: "@${self.type} [${concatMapStringsSep "," toString self.value}]") (typed (type.arrayOf t) vs);

  /** An empty array of a type. Example: `toString (mkEmptyArray type.uint32)` => `"@au []"` */
  mkEmptyArray = t: withText (self: "@${self.type} []") (typed (type.arrayOf t) [ ]);

  /** A variant. Example: `toString (mkVariant "a")` => `"<'a'>"` */
  mkVariant = e: withText (self: "<${toString self.value}>") (typed type.variant (mkValue e));

  /** A dictionary entry. Example: `toString (mkDictionaryEntry (mkInt32 1) "a")` => `"@{is} {1,'a'}"` */
  mkDictionaryEntry = name: value:
    let k = mkValue name; v = mkValue value; in
    withText (self: "@${self.type} {${toString k},${toString v}}") (typed (type.dictionaryEntryOf k.type v.type) { inherit name value; });

  /** A maybe of a type. Example: `toString (mkMaybe type.string null)` => `"@ms nothing"` */
  mkMaybe = t: e: withText (self: if self.value == null then "@${self.type} nothing" else "just ${toString self.value}") (typed (type.maybeOf t) e);

  /** `nothing` of a type. Example: `toString (mkNothing type.string)` => `"@ms nothing"` */
  mkNothing = t: mkMaybe t null;

  /** `just` a value. Example: `toString (mkJust (mkUint32 4))` => `"just @u 4"` */
  mkJust = e: let v = mkValue e; in mkMaybe v.type v;

  /** A tuple. Example: `toString (mkTuple [ (mkInt32 1) "a" ])` => `"@(is) (1,'a')"` */
  mkTuple = elems:
    let vs = map mkValue elems; in
    withText (self: "@${self.type} (${concatMapStringsSep "," toString self.value})") (typed (type.tupleOf (map (e: e.type) vs)) vs);

  /** A boolean. Example: `toString (mkBoolean true)` => `"true"` */
  mkBoolean = v: withText (self: if self.value then "true" else "false") (typed type.boolean v);

  /** A string, quoted. Example: `toString (mkString "it's")` => `"'it\\'s'"` */
  mkString = v:
    let clean = s: builtins.replaceStrings [ "\n" ] [ "\\n" ] (escape [ "'" "\\" ] s); in
    withText (self: "'${clean self.value}'") (typed type.string v);

  /** An object path. Example: `toString (mkObjectpath "/a")` => `"objectpath '/a'"` */
  mkObjectpath = v: withText (self: "objectpath '${escape [ "'" ] self.value}'") (typed type.string v);

  /** Sized integers. Example: `toString (mkUint32 42)` => `"@u 42"` */
  mkUchar = typed type.uchar;
  /** Example: `toString (mkInt16 1)` => `"@n 1"` */
  mkInt16 = typed type.int16;
  /** Example: `toString (mkUint16 1)` => `"@q 1"` */
  mkUint16 = typed type.uint16;
  /** Example: `toString (mkInt32 1)` => `"1"` */
  mkInt32 = v: withText (self: toString self.value) (typed type.int32 v);
  /** Example: `toString (mkUint32 1)` => `"@u 1"` */
  mkUint32 = typed type.uint32;
  /** Example: `toString (mkInt64 1)` => `"@x 1"` */
  mkInt64 = typed type.int64;
  /** Example: `toString (mkUint64 1)` => `"@t 1"` */
  mkUint64 = typed type.uint64;
  /** Example: `toString (mkDouble 1.5)` => `"1.500000"` */
  mkDouble = v: withText (self: toString self.value) (typed type.double v);
}
