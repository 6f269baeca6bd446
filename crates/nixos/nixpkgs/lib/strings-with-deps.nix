# Snippets of text with dependencies on other named snippets, concatenated in
# dependency order (NixOS activation scripts use this).
{ lib }:
rec {
  /** The texts of the named entries and their dependencies, each once,
      dependencies first. `predefined` maps names to entries `{ text, deps }`.
      Example: `textClosureList { a = noDepEntry "A"; b = stringAfter [ "a" ] "B"; } [ "b" ]` => `[ "A" "B" ]` */
  textClosureList = predefined: names:
    let
      # walk: state { done, out } and a todo list; names already done are skipped.
      walk = state: todo:
        if todo == [ ] then state
        else
          let entry = builtins.head todo; rest = builtins.tail todo; in
          if builtins.isAttrs entry then
            let afterDeps = walk state entry.deps; in
            walk (afterDeps // { out = afterDeps.out ++ [ entry.text ]; }) rest
          else if state.done ? ${entry} then walk state rest
          else walk (state // { done = state.done // { ${entry} = true; }; }) ([ predefined.${entry} ] ++ rest);
    in (walk { done = { }; out = [ ]; } names).out;

  /** `textClosureList` mapped with `f` and joined by newlines.
      Example: `textClosureMap (x: x) { a = noDepEntry "A"; } [ "a" ]` => `"A"` */
  textClosureMap = f: predefined: names:
    lib.strings.concatMapStringsSep "\n" f (textClosureList predefined names);

  /** An entry without dependencies. Example: `noDepEntry "echo hi"` => `{ text = "echo hi"; deps = [ ]; }` */
  noDepEntry = text: { inherit text; deps = [ ]; };

  /** An entry with dependencies. Example: `fullDepEntry "echo hi" [ "users" ]` */
  fullDepEntry = text: deps: { inherit text deps; };

  /** An entry that only pulls in dependencies. Example: `packEntry [ "a" "b" ]` */
  packEntry = deps: { inherit deps; text = ""; };

  /** An entry that runs after `deps`. Example: `stringAfter [ "users" ] "echo hi"` */
  stringAfter = deps: text: { inherit text deps; };
}
