# Turning attribute sets into command-line arguments.
{ lib }:
rec {
  /** Render options as arguments, with `optionFormat name` giving
      `{ option, sep, explicitBool, formatArg }` for each option.
      `false`/`null` drop the option (unless `explicitBool`), `true` gives the bare flag,
      lists repeat it. Example: `toCommandLine (n: { option = "--${n}"; sep = "="; explicitBool = false; }) { a = 1; }` => `[ "--a=1" ]` */
  toCommandLine = optionFormat: attrs:
    let
      render = { option, sep, explicitBool, formatArg ? lib.generators.mkValueStringDefault { } }: v:
        if v == null || (!explicitBool && v == false) then [ ]
        else if !explicitBool && v == true then [ option ]
        else let arg = formatArg v; in
          if sep != null then [ "${option}${sep}${arg}" ] else [ option arg ];
      one = k: render (optionFormat k);
      pair = k: v:
        if k == "" then throw "lib.cli.toCommandLine only accepts non-empty option names."
        else if builtins.isList v then builtins.concatMap (one k) v
        else one k v;
    in builtins.concatLists (lib.attrsets.mapAttrsToList pair attrs);

  /** `toCommandLine` then shell-quoted. Example: `toCommandLineShell f { a = "x y"; }` */
  toCommandLineShell = optionFormat: attrs: lib.strings.escapeShellArgs (toCommandLine optionFormat attrs);

  /** GNU style: `--long=value`, `-sVALUE`. Example: `toCommandLineGNU { } { v = true; out = "x"; }` => `[ "--out=x" "-v" ]` */
  toCommandLineGNU = { isLong ? name: builtins.stringLength name > 1, explicitBool ? false, formatArg ? lib.generators.mkValueStringDefault { } }:
    toCommandLine (name: {
      option = if isLong name then "--${name}" else "-${name}";
      sep = if isLong name then "=" else "";
      inherit explicitBool formatArg;
    });

  /** GNU style, shell-quoted. Example: `toCommandLineShellGNU { } { a = 1; }` => `"-a1"` */
  toCommandLineShellGNU = options: attrs: lib.strings.escapeShellArgs (toCommandLineGNU options attrs);

  /** Deprecated GNU rendering: `--name value`. Example: `toGNUCommandLine { } { a = 1; }` => `[ "-a" "1" ]` */
  toGNUCommandLine = lib.trivial.warnIf (lib.trivial.oldestSupportedReleaseIsAtLeast 2511)
    "lib.cli.toGNUCommandLine is deprecated, please use lib.cli.toCommandLine or lib.cli.toCommandLineShellGNU instead."
    ({ mkOptionName ? k: if builtins.stringLength k == 1 then "-${k}" else "--${k}",
       mkBool ? k: v: lib.lists.optional v (mkOptionName k),
       mkList ? k: v: builtins.concatMap (mkOption k) v,
       mkOption ? k: v:
         if v == null then [ ]
         else if optionValueSeparator == null then [ (mkOptionName k) (lib.generators.mkValueStringDefault { } v) ]
         else [ "${mkOptionName k}${optionValueSeparator}${lib.generators.mkValueStringDefault { } v}" ],
       optionValueSeparator ? null }:
     options:
     builtins.concatLists (lib.attrsets.mapAttrsToList (k: v:
       if builtins.isBool v then mkBool k v else if builtins.isList v then mkList k v else mkOption k v) options));

  /** Deprecated, shell-quoted `toGNUCommandLine`. */
  toGNUCommandLineShell = lib.trivial.warnIf (lib.trivial.oldestSupportedReleaseIsAtLeast 2511)
    "lib.cli.toGNUCommandLineShell is deprecated, please use lib.cli.toCommandLineShell or lib.cli.toCommandLineShellGNU instead."
    (options: attrs: lib.strings.escapeShellArgs (toGNUCommandLine options attrs));
}
