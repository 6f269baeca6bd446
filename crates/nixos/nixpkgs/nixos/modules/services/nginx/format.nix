# formatNginxConfig text: `text` laid out as NixOS' writeNginxConfig lays
# out nginx.conf: each line's leading blanks replaced by one tab per open
# block (a line with `{` opens one, a line with `}` closes one, a line
# opening a block is indented one level less), and blank lines removed.
{ lib }:

let
  inherit (builtins) match head foldl' length;

  # stripLeading line: `line` without its leading spaces and tabs.
  stripLeading = line: head (match "[ \t]*(.*)" line);

  tabs = n: lib.concatStrings (lib.genList (_: "\t") n);

  step = state: raw:
    let
      line = stripLeading raw;
      opens = match ".*[{].*" line != null;
      closes = match ".*[}].*" line != null;
      ctx = state.ctx + (if opens then 1 else 0) - (if closes then 1 else 0);
      depth = ctx - (if opens then 1 else 0);
      blank = match "[[:space:]]*" line != null;
    in
    {
      inherit ctx;
      out = if blank then state.out else state.out ++ [ (tabs (if depth > 0 then depth else 0) + line) ];
    };
in
text:
let
  rawLines = lib.splitString "\n" text;
  # A final newline ends the last line; it does not start another.
  lines = if rawLines != [ ] && lib.last rawLines == "" then lib.init rawLines else rawLines;
  result = foldl' step { ctx = 0; out = [ ]; } lines;
in
lib.concatMapStrings (l: l + "\n") result.out
