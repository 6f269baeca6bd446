# The layout of nginx.conf as NixOS' writeNginxConfig makes it: each line's
# leading blanks replaced by one tab per open block (a line with `{` opens
# one, a line with `}` closes one, a line opening a block is indented one
# level less), and blank lines removed. It works on lines `{ text; from; }`
# (see config-text.nix): a line whose text holds several is split first,
# each part keeping its `from`.
{ lib }:

let
  inherit (builtins) match head foldl' filter isString split;

  # stripLeading line: `line` without its leading spaces and tabs.
  stripLeading = line: head (match "[ \t]*(.*)" line);

  tabs = n: lib.concatStrings (lib.genList (_: "\t") n);

  # The lines of one line record: itself, or its parts when it holds several.
  parts = l:
    let pieces = filter isString (split "\n" l.text); in
    if pieces == [ l.text ] then [ l ] else map (text: { inherit text; inherit (l) from; }) pieces;

  step = state: raw:
    let
      line = stripLeading raw.text;
      opens = match ".*[{].*" line != null;
      closes = match ".*[}].*" line != null;
      ctx = state.ctx + (if opens then 1 else 0) - (if closes then 1 else 0);
      depth = ctx - (if opens then 1 else 0);
      blank = match "[[:space:]]*" line != null;
    in
    {
      inherit ctx;
      out = if blank then state.out
        else state.out ++ [ { text = tabs (if depth > 0 then depth else 0) + line; inherit (raw) from; } ];
    };
in
{
  # layout lines: the lines laid out, blank ones removed.
  layout = lines: (foldl' step { ctx = 0; out = [ ]; } (lib.concatMap parts lines)).out;

  # text lines: the file the laid-out lines make.
  text = lib.concatMapStrings (l: l.text + "\n");
}
