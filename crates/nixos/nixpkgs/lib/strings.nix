# String functions.
{ lib }:
let
  inherit (builtins) stringLength substring concatStringsSep genList elemAt length head tail
    filter match split isString isList replaceStrings typeOf foldl';
  # Printable ASCII characters mapped to their codes.
  asciiTable = builtins.listToAttrs (genList (i: { name = builtins.fromJSON "\"\\u00${lib.toLower (lib.fixedWidthString 2 "0" (lib.toHexString (i + 1)))}\""; value = i + 1; }) 127);
in
rec {
  inherit (builtins) stringLength substring head tail isString replaceStrings split match
    concatStringsSep toString unsafeDiscardStringContext hashString
    unsafeDiscardOutputDependency;

  /** Concatenate strings. Example: `concatStrings [ "a" "b" ]` => `"ab"` */
  concatStrings = concatStringsSep "";

  /** Map then concatenate. Example: `concatMapStrings (x: x + x) [ "a" "b" ]` => `"aabb"` */
  concatMapStrings = f: list: concatStrings (map f list);

  /** Indexed (1-based) map then concatenate. Example: `concatImapStrings (i: x: "${toString i}${x}") [ "a" ]` => `"1a"` */
  concatImapStrings = f: list: concatStrings (lib.lists.imap1 f list);

  /** Map then join with a separator. Example: `concatMapStringsSep "," (x: x) [ "a" "b" ]` => `"a,b"` */
  concatMapStringsSep = sep: f: list: concatStringsSep sep (map f list);

  /** Indexed map then join. Example: `concatImapStringsSep "-" (i: x: x) [ "a" "b" ]` => `"a-b"` */
  concatImapStringsSep = sep: f: list: concatStringsSep sep (lib.lists.imap1 f list);

  /** Map an attrset then join. Example: `concatMapAttrsStringSep "," (n: v: n) { a = 1; }` => `"a"` */
  concatMapAttrsStringSep = sep: f: attrs: concatStringsSep sep (lib.attrsets.mapAttrsToList f attrs);

  /** Each string on its own line, newline-terminated. Example: `concatLines [ "a" "b" ]` => `"a\nb\n"` */
  concatLines = concatMapStrings (s: s + "\n");

  /** Put a separator between strings in a list. Example: `intersperse "," [ "a" "b" ]` => `[ "a" "," "b" ]` */
  intersperse = lib.lists.intersperse;

  /** The string if the condition holds, else "". Example: `optionalString true "x"` => `"x"` */
  optionalString = cond: s: if cond then s else "";

  /** Whether `s` starts with `pref`. Example: `hasPrefix "fo" "foo"` => `true` */
  hasPrefix = pref: s: substring 0 (stringLength pref) s == pref;

  /** Whether `s` ends with `suf`. Example: `hasSuffix "oo" "foo"` => `true` */
  hasSuffix = suf: s:
    let ls = stringLength s; lf = stringLength suf;
    in lf <= ls && substring (ls - lf) lf s == suf;

  /** Whether `s` contains `infix`. Example: `hasInfix "o" "foo"` => `true` */
  hasInfix = infix: s: builtins.match ".*${escapeRegex infix}.*" "${s}" != null;

  /** Remove a prefix if present. Example: `removePrefix "a" "ab"` => `"b"` */
  removePrefix = pref: s:
    if hasPrefix pref s then substring (stringLength pref) (stringLength s - stringLength pref) s else s;

  /** Remove a suffix if present. Example: `removeSuffix "b" "ab"` => `"a"` */
  removeSuffix = suf: s:
    if hasSuffix suf s then substring 0 (stringLength s - stringLength suf) s else s;

  /** Split a string into characters. Example: `stringToCharacters "ab"` => `[ "a" "b" ]` */
  stringToCharacters = s: genList (p: substring p 1 s) (stringLength s);

  /** Map each character and concatenate. Example: `stringAsChars (c: c + c) "ab"` => `"aabb"` */
  stringAsChars = f: s: concatStrings (map f (stringToCharacters s));

  /** Split on a literal separator. Example: `splitString "," "a,b"` => `[ "a" "b" ]` */
  splitString = sep: s:
    let parts = split (escapeRegex (toString sep)) (toString s);
    in map (v: addContextFrom s v) (filter isString parts);

  /** Copy the string context of `src` onto `target`. Example: `addContextFrom "a" "b"` => `"b"` */
  addContextFrom = src: target: substring 0 0 src + target;

  /** Backslash-escape a list of characters. Example: `escape [ "(" ] "(a)"` => `"\\(a)"` */
  escape = list: replaceStrings list (map (c: "\\${c}") list);

  /** Escape characters special in regular expressions. Example: `escapeRegex "a.b"` => `"a\\.b"` */
  escapeRegex = escape (stringToCharacters "\\[{()^$?*+|.");

  /** Quote a string for a POSIX shell. Example: `escapeShellArg "a'b"` => `"'a'\\''b'"` */
  escapeShellArg = arg:
    let s = toString arg; in
    if match "[[:alnum:],._+:@%/-]+" s == null then "'${replaceStrings [ "'" ] [ "'\\''" ] s}'" else s;

  /** Quote each string and join with spaces. Example: `escapeShellArgs [ "a" "b c" ]` => `"a 'b c'"` */
  escapeShellArgs = concatMapStringsSep " " escapeShellArg;

  /** A Nix string literal. Example: `escapeNixString "a\"b"` => `"\"a\\\"b\""` */
  escapeNixString = s: escape [ "$" ] (builtins.toJSON s);

  /** Quote a name for Nix source when needed. Example: `escapeNixIdentifier "a b"` => `"\"a b\""` */
  escapeNixIdentifier = s:
    if match "[a-zA-Z_][a-zA-Z0-9_'-]*" s != null then s else escapeNixString s;

  /** Escape XML special characters. Example: `escapeXML "<a>"` => `"&lt;a&gt;"` */
  escapeXML = replaceStrings [ "\"" "'" "<" ">" "&" ] [ "&quot;" "&apos;" "&lt;" "&gt;" "&amp;" ];

  /** Escape characters as C hex escapes. Example: `escapeC [ " " ] "a b"` => `"a\\x20b"` */
  escapeC = list: replaceStrings list (map (c: "\\x" + lib.toLower (lib.fixedWidthString 2 "0" (lib.toHexString (charToInt c)))) list);

  /** Lower-case ASCII letters. Example: `builtins.head lowerChars` => `"a"` */
  lowerChars = stringToCharacters "abcdefghijklmnopqrstuvwxyz";
  /** Upper-case ASCII letters. Example: `builtins.head upperChars` => `"A"` */
  upperChars = stringToCharacters "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  /** ASCII lower-casing. Example: `toLower "AbC"` => `"abc"` */
  toLower = replaceStrings upperChars lowerChars;

  /** ASCII upper-casing. Example: `toUpper "abc"` => `"ABC"` */
  toUpper = replaceStrings lowerChars upperChars;

  /** Upper-case first letter, lower-case rest. Example: `toSentenceCase "hELLO"` => `"Hello"` */
  toSentenceCase = s: toUpper (substring 0 1 s) + toLower (substring 1 (stringLength s) s);

  /** Code point of an ASCII character. Example: `charToInt "A"` => `65` */
  charToInt = c: asciiTable.${c};


  /** Whether a value is a string or something convertible like a path or an attrset with `outPath`/`__toString`.
      Example: `isStringLike ./.` => `true` */
  isStringLike = x: isString x || builtins.isPath x || x ? outPath || x ? __toString;

  /** Whether `toString` accepts the value. Example: `isConvertibleWithToString 1` => `true` */
  isConvertibleWithToString = x:
    isStringLike x || builtins.elem (typeOf x) [ "null" "int" "float" "bool" ]
    || (isList x && lib.lists.all isConvertibleWithToString x);

  /** Whether a value is a store path (string or path). Example: `isStorePath "/nix/store/…-x"` => `true` */
  isStorePath = x:
    if isStringLike x then
      let str = toString x; in
      substring 0 1 str == "/" && dirOf str == builtins.storeDir
    else false;

  /** Parse a decimal integer, allowing surrounding whitespace; leading
      zeroes are refused as ambiguous (octal?). Example: `toInt " 42 "` => `42` */
  toInt = s:
    let
      m = match "[[:space:]]*(-?[[:digit:]]+)[[:space:]]*" s;
      digits = head m;
      n = builtins.fromJSON digits;
    in
    if m == null then throw "toInt: Could not convert ${escapeNixString s} to int."
    else if match "0[[:digit:]]+" digits != null then
      throw "toInt: Ambiguity in interpretation of ${escapeNixString s} between octal and zero padded integer."
    else if !builtins.isInt n then throw "toInt: Could not convert ${escapeNixString s} to int."
    else n;

  /** Parse a base-10 integer, leading zeroes allowed. Example: `toIntBase10 "007"` => `7` */
  toIntBase10 = s:
    let
      m = match "[[:space:]]*0*(-?[[:digit:]]+)[[:space:]]*" s;
      digits = head m;
      n = builtins.fromJSON digits;
    in
    if m == null then throw "toIntBase10: Could not convert ${escapeNixString s} to int."
    else if match "0+" digits != null then 0
    else if !builtins.isInt n then throw "toIntBase10: Could not convert ${escapeNixString s} to int."
    else n;

  /** Render a float. Example: `floatToString 0.5` => `"0.500000"` */
  floatToString = f: toString f;

  /** Pad a string on the left. Example: `fixedWidthString 3 "0" "7"` => `"007"` */
  fixedWidthString = width: filler: str:
    let strw = stringLength str; reqWidth = width - (stringLength filler); in
    assert lib.assertMsg (strw <= width) "fixedWidthString: requested string length (${toString width}) must not be shorter than actual length (${toString strw})";
    if strw == width then str else filler + fixedWidthString reqWidth filler str;

  /** Pad a number with zeroes. Example: `fixedWidthNumber 3 7` => `"007"` */
  fixedWidthNumber = width: n: fixedWidthString width "0" (toString n);

  /** Trim whitespace at both ends. Example: `trim "  a  "` => `"a"` */
  trim = trimWith { start = true; end = true; };

  /** Trim whitespace at the chosen ends. Example: `trimWith { start = true; } "  a "` => `"a "` */
  trimWith = { start ? false, end ? false }: s:
    let
      regex =
        if start && end then "[[:space:]]*(.*[^[:space:]])[[:space:]]*"
        else if start then "[[:space:]]*(.*)"
        else if end then "(.*[^[:space:]])[[:space:]]*"
        else "(.*)";
      m = match regex s;
    in if m == null then "" else head m;

  /** Join `subDir` of each package with `:`. Example: `makeSearchPath "bin" [ "/a" ]` => `"/a/bin"` */
  makeSearchPath = subDir: paths:
    concatStringsSep ":" (map (p: p + "/" + subDir) (filter (x: x != null) paths));

  /** Like `makeSearchPath` using a chosen output of each package.
      Example: `makeSearchPathOutput "dev" "include" [ pkg ]` => `"/nix/store/…-pkg-dev/include"` */
  makeSearchPathOutput = output: subDir: pkgs: makeSearchPath subDir (map (lib.getOutput output) pkgs);

  /** `bin` directories joined by `:`. Example: `makeBinPath [ "/a" ]` => `"/a/bin"` */
  makeBinPath = makeSearchPathOutput "bin" "bin";

  /** `lib` directories joined by `:`. Example: `makeLibraryPath [ "/a" ]` => `"/a/lib"` */
  makeLibraryPath = makeSearchPathOutput "lib" "lib";

  /** Name part of a derivation name or package. Example: `getName "hello-1.0"` => `"hello"` */
  getName = x:
    let parse = drv: (builtins.parseDrvName drv).name; in
    if isString x then parse x else x.pname or (parse x.name);

  /** Version part of a derivation name or package. Example: `getVersion "hello-1.0"` => `"1.0"` */
  getVersion = x:
    let parse = drv: (builtins.parseDrvName drv).version; in
    if isString x then parse x else x.version or (parse x.name);

  /** Whether version `a` is older than `b`. Example: `versionOlder "1.0" "1.1"` => `true` */
  versionOlder = a: b: builtins.compareVersions b a == 1;

  /** Whether version `a` is at least `b`. Example: `versionAtLeast "1.1" "1.0"` => `true` */
  versionAtLeast = a: b: !versionOlder a b;

  /** Turn a string into a valid derivation name: leading dots dropped, runs
      of invalid characters become `-`, at most 207 characters (the end kept).
      Example: `sanitizeDerivationName "..foo bar"` => `"foo-bar"` */
  sanitizeDerivationName = string:
    let
      s = builtins.unsafeDiscardStringContext string;
      valid = match "[[:alnum:]+_?=-][[:alnum:]+._?=-]*" s != null;
      noDots = head (match "\\.*(.*)" s);
      joined = concatStrings (map (p: if isList p then "-" else p) (split "[^[:alnum:]+._?=-]+" noDots));
      len = stringLength joined;
      short = substring (if len > 207 then len - 207 else 0) (-1) joined;
    in
    if stringLength s <= 207 && valid then s
    else if short == "" then "unknown" else short;

  /** Edit distance between two strings. Example: `levenshtein "foo" "fob"` => `1` */
  levenshtein = a: b:
    let
      as = stringToCharacters a; bs = stringToCharacters b;
      la = length as; lb = length bs;
      step = prev: i:
        let ca = elemAt as (i - 1);
            row = foldl' (acc: j:
              let
                cost = if ca == elemAt bs (j - 1) then 0 else 1;
                v = lib.trivial.min (lib.trivial.min (elemAt prev j + 1) (elemAt acc (j - 1) + 1)) (elemAt prev (j - 1) + cost);
              in acc ++ [ v ]) [ i ] (lib.lists.range 1 lb);
        in row;
      first = genList (j: j) (lb + 1);
      last = foldl' step first (lib.lists.range 1 la);
    in elemAt last lb;

  /** Length of the common prefix. Example: `commonPrefixLength "foo" "fob"` => `2` */
  commonPrefixLength = a: b:
    let m = lib.trivial.min (stringLength a) (stringLength b);
        go = i: if i < m && substring i 1 a == substring i 1 b then go (i + 1) else i;
    in go 0;

  /** Length of the common suffix. Example: `commonSuffixLength "foo" "boo"` => `2` */
  commonSuffixLength = a: b:
    let m = lib.trivial.min (stringLength a) (stringLength b);
        la = stringLength a; lb = stringLength b;
        go = i: if i < m && substring (la - i - 1) 1 a == substring (lb - i - 1) 1 b then go (i + 1) else i;
    in go 0;

  /** Whether the edit distance is at most `k`. Example: `levenshteinAtMost 1 "foo" "fob"` => `true` */
  levenshteinAtMost = k: a: b:
    let diff = stringLength a - stringLength b; in
    (if diff < 0 then -diff else diff) <= k && levenshtein a b <= k;

  /** Autoconf-style flag. Example: `enableFeature true "x"` => `"--enable-x"` */
  enableFeature = flag: feature: "--${if flag then "enable" else "disable"}-${feature}";
  /** Example: `enableFeatureAs true "x" "y"` => `"--enable-x=y"` */
  enableFeatureAs = flag: feature: value: enableFeature flag feature + optionalString flag "=${value}";
  /** Example: `withFeature false "x"` => `"--without-x"` */
  withFeature = flag: feature: "--${if flag then "with" else "without"}-${feature}";
  /** Example: `withFeatureAs true "x" "y"` => `"--with-x=y"` */
  withFeatureAs = flag: feature: value: withFeature flag feature + optionalString flag "=${value}";

  /** Normalise repeated slashes. Example: `normalizePath "a//b"` => `"a/b"` */
  normalizePath = s: concatStrings (lib.lists.foldl' (acc: c: if c == "/" && acc != [ ] && lib.lists.last acc == "/" then acc else acc ++ [ c ]) [ ] (stringToCharacters s));

  /** Repeat a string. Example: `replicate 3 "a"` => `"aaa"` */
  replicate = n: s: concatStrings (lib.lists.replicate n s);

  /** Escape a string for use in a URL. Example: `escapeURL "a b"` => `"a%20b"` */
  escapeURL = let
    unreserved = [ "A" "B" "C" "D" "E" "F" "G" "H" "I" "J" "K" "L" "M" "N" "O" "P" "Q" "R" "S" "T" "U" "V" "W" "X" "Y" "Z" "a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k" "l" "m" "n" "o" "p" "q" "r" "s" "t" "u" "v" "w" "x" "y" "z" "0" "1" "2" "3" "4" "5" "6" "7" "8" "9" "-" "_" "." "~" ];
    toEscape = builtins.removeAttrs asciiTable unreserved;
  in replaceStrings (builtins.attrNames toEscape) (lib.mapAttrsToList (_: c: "%${fixedWidthString 2 "0" (lib.toHexString c)}") toEscape);

  /** Render a value as a Meson option. Example: `mesonOption "a" "b"` => `"-Da=b"` */
  mesonOption = feature: value: "-D${feature}=${value}";
  /** Example: `mesonBool "a" true` => `"-Da=true"` */
  mesonBool = condition: flag: mesonOption condition (lib.boolToString flag);
  /** Example: `mesonEnable "a" true` => `"-Da=enabled"` */
  mesonEnable = feature: flag: mesonOption feature (if flag then "enabled" else "disabled");
  /** Example: `cmakeBool "A" true` => `"-DA:BOOL=TRUE"` */
  cmakeBool = condition: flag: "-D${condition}:BOOL=${if flag then "TRUE" else "FALSE"}";
  /** Example: `cmakeFeature "A" "x"` => `"-DA:STRING=x"` */
  cmakeFeature = feature: value: "-D${feature}:STRING=${value}";
  /** Example: `cmakeOptionType "string" "A" "x"` => `"-DA:STRING=x"` */
  cmakeOptionType = type: feature: value: "-D${feature}:${toUpper type}=${value}";

  /** Type of the value. Example: `typeOf 1` => `"int"` */
  typeOf = builtins.typeOf;

  /** Whether a string has string context. Example: `hasContext "a"` => `false` */
  hasContext = builtins.hasContext;



  /** Join strings with a separator (like `concatStringsSep`). Example: `join "," [ "a" "b" ]` => `"a,b"` */
  join = concatStringsSep;

  /** Replace every occurrence of one string. Example: `replaceString "a" "b" "aa"` => `"bb"` */
  replaceString = from: to: replaceStrings [ from ] [ to ];

  /** Split between characters where `pred prev next` holds, optionally keeping the separator.
      Example: `splitStringBy (p: n: n == ",") false "a,b"` => `[ "a" "b" ]` */
  splitStringBy = pred: keepSplit: s:
    let
      chars = stringToCharacters s;
      n = length chars;
      go = i: cur: acc:
        if i >= n then acc ++ [ cur ]
        else
          let c = elemAt chars i; prev = if i == 0 then "" else elemAt chars (i - 1); in
          if i > 0 && pred prev c then
            (if keepSplit then go (i + 1) c (acc ++ [ cur ]) else go (i + 1) "" (acc ++ [ cur ]))
          else go (i + 1) (cur + c) acc;
    in if s == "" then [ "" ] else go 0 "" [ ];

  /** `include` directories joined by `:`. Example: `makeIncludePath [ "/a" ]` => `"/a/include"` */
  makeIncludePath = makeSearchPathOutput "dev" "include";

  /** Whether a string is a POSIX shell variable name. Example: `isValidPosixName "a_b"` => `true` */
  isValidPosixName = name: match "[a-zA-Z_][a-zA-Z0-9_]*" name != null;

  /** A shell assignment of a value (lists become arrays, sets associative arrays).
      Example: `toShellVar "a" "x y"` => `"a='x y'"` */
  toShellVar = name: value:
    lib.trivial.throwIfNot (isValidPosixName name) "toShellVar: ${name} is not a valid shell variable name" (
      if builtins.isAttrs value && !isStringLike value then
        "declare -A ${name}=(${concatStringsSep " " (lib.attrsets.mapAttrsToList (n: v: "[${escapeShellArg n}]=${escapeShellArg v}") value)})"
      else if isList value then "declare -a ${name}=(${escapeShellArgs value})"
      else "${name}=${escapeShellArg value}");

  /** Shell assignments for each attribute, one per line. Example: `toShellVars { a = "x"; b = "y"; }` => `"a=x\nb=y"` */
  toShellVars = vars: concatStringsSep "\n" (lib.attrsets.mapAttrsToList toShellVar vars);

  /** camelCase from words separated by `-`, `_` or spaces. Example: `toCamelCase "foo-bar"` => `"fooBar"` */
  toCamelCase = s:
    let
      words = filter (w: isString w && w != "") (split "[-_ ]+" s);
      cap = w: toUpper (substring 0 1 w) + substring 1 (stringLength w) w;
    in if words == [ ] then "" else toLower (head words) + concatStrings (map (w: cap (toLower w)) (tail words));

  /** Name of a URL's last component up to a separator. Example: `nameFromURL "https://x/y-1.0.tar.gz" "-"` => `"y"` */
  nameFromURL = url: sep:
    let components = splitString "/" url; filename = lib.lists.last components; name = head (splitString sep filename);
    in assert name != filename; name;

  /** Contents of a file without its trailing newline. Example: `fileContents ./VERSION` */
  fileContents = file: removeSuffix "\n" (builtins.readFile file);

  /** Compare versions (-1, 0, 1). Example: `compareVersions "1.0" "1.1"` => `-1` */
  compareVersions = builtins.compareVersions;

  /** The store directory. Example: `storeDir` => `"/nix/store"` */
  storeDir = builtins.storeDir;
}
