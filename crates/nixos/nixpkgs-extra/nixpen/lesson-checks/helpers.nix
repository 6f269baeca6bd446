# Helpers of the lesson judges (nixpen/lesson-checks.nix): verdicts, the
# text tests a check applies (`equals`, `contains`, `matches`, `omits`),
# how found values are shown in a detail, and attribute paths as authors
# write them.
{ lib }:
let
  inherit (builtins) filter isString length split concatStringsSep match head elemAt genList;
in
rec {
  /** A check that passed. */
  pass = { passed = true; };

  /** A check that failed, with what was found instead. Example:
      `fail "there is no /etc/motd"` => `{ passed = false; detail = "there is no /etc/motd"; }` */
  fail = detail: { passed = false; inherit detail; };

  /** `pass` when `ok`, else `fail detail` (`detail` is only evaluated then). */
  when = ok: detail: if ok then pass else fail detail;

  /** The lines of a text, without their line break.
      Example: `lines "a\nb\n"` => `[ "a" "b" "" ]` */
  lines = text: filter isString (split "\n" text);

  /** The words of a text: what white space separates.
      Example: `words " a  b\n"` => `[ "a" "b" ]` */
  words = text: filter (w: isString w && w != "") (split "[[:space:]]+" text);

  /** Every run of white space made one space, and trimmed: a value printed
      on several lines compares equal to the same value on one.
      Example: `squash "[\n  1\n  2\n]"` => `"[ 1 2 ]"` */
  squash = text: concatStringsSep " " (words text);

  /** Whether a regular expression (POSIX extended, as `builtins.split`
      reads it) matches somewhere in `text`; `^` and `$` are the text's ends.
      Example: `found "[0-9]+$" "port 80"` => `true` */
  found = pattern: text: length (split pattern text) > 1;

  /** Whether `text` contains `needle` (searched, not matched: long texts
      are no burden). Example: `contains "80" "port 80"` => `true` */
  contains = needle: text: found (lib.escapeRegex needle) text;

  /** Whether `text` passes one text test (`{ equals = …; }`, `contains`,
      `matches` or `omits`). */
  passes = test: text:
    if test ? equals then text == test.equals
    else if test ? contains then contains test.contains text
    else if test ? matches then found test.matches text
    else !(contains test.omits text);

  /** Whether one of `values` passes `test`; for `omits`: none contains the text. */
  anyPasses = test: values:
    if test ? omits then builtins.all (passes test) values else builtins.any (passes test) values;

  /** A long value cut to about its first 300 bytes, and `…`; the cut never
      splits a character (it ends on printable ASCII).
      Example: `shorten "short"` => `"short"` */
  shorten = text:
    let
      cut = builtins.substring 0 300 text;
      whole = match "(.*[ -~])[^ -~]*" cut;
    in
    if builtins.stringLength text <= 300 then text
    else (if whole == null then "" else head whole) + "…";

  /** Values for a failure's detail: each in backquotes, shortened.
      Example: `quoted [ "a" "b" ]` => `"`a`, `b`"` */
  quoted = values: concatStringsSep ", " (map (v: "`${shorten v}`") values);

  /** Names for a detail: the first six, and how many more.
      Example: `someOf [ "a" "b" ]` => `"a, b"` */
  someOf = names:
    let n = length names; shown = 6; in
    concatStringsSep ", " (lib.take shown names)
    + (if n > shown then " and ${toString (n - shown)} more" else "");

  /** The names of an attribute path as authors write it: dots separate
      names, a name holding dots is in double quotes.
      Example: `splitPath "systemd.services.\"a.b\".enable"` => `[ "systemd" "services" "a.b" "enable" ]` */
  splitPath = path:
    let pieces = filter isString (split "\"" path); in
    builtins.concatLists (genList (i:
      let piece = elemAt pieces i; in
      if i / 2 * 2 == i then filter (n: n != "") (lib.splitString "." piece) else [ piece ]
    ) (length pieces));
}
