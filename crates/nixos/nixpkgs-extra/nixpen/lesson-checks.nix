# The judges of lesson checks: whether the learner's configuration passes
# each check of a step, with what was found instead when it does not.
# `nixpen lesson check` and the playground's worker both evaluate this
# file, so a course judged on the command line is judged the same way in
# the browser. (In `nixpkgs-extra/`: the browser has it once it has
# loaded the files that follow its first answer.)
#
# A check is data, as a course's bundle holds it (docs/lessons.md):
# `{ label; with ? [ { option; value; } ]; test; }`, `test` being
# `"evaluates"` or an attribute set with one name, the kind, holding the
# fields: `{ unitKey = { unit; section; key; text = { contains = "…"; }; }; }`.
# A verdict is `{ passed = true; }` or `{ passed = false; detail = "…"; }`.
#
# Judging takes two evaluations, because an evaluation error cannot be
# caught in Nix (`tryEval` catches `throw` only), nor can the warnings the
# evaluator prints be read:
# 1. `judge { configuration; outputs; dir; checks; }` is an attribute set
#    with one part per check, named by its index ("0", "1", …). The engine
#    prints each part on its own (one heap: the configuration is evaluated
#    once), so a part that fails fails alone. A part is the check's verdict,
#    or, for a `warning` check, `{ warnings; }` (NixOS's warnings).
#    `judgeStep { dir; step; }` is the same for a step as the bundle holds
#    it (`entry`, `attr`, `checks`), with the parts "0" to "31" (null past
#    the step's checks), so that the engine asks for the same parts always.
# 2. `verdicts { dir; checks; results; messages; }` takes, for each check,
#    `{ ok = part; }` or the error the engine reported,
#    `{ error = { message; file; line; column; }; }` (`file` null, `line`
#    and `column` 0 when unknown), and the evaluator's `warning:`/`trace:`
#    lines; it returns the list of verdicts, in the checks' order.
# `run` does both in one evaluation, for real Nix and for tests (an error
# then fails the whole evaluation).
let
  lib = import ../lib;
  helpers = import ./lesson-checks/helpers.nix { inherit lib; };
  system = import ./lesson-checks/system.nix { inherit lib helpers; };
  values = import ./lesson-checks/values.nix { inherit lib helpers; };
  outcome = import ./lesson-checks/outcome.nix { inherit lib helpers; };

  # A check's kind (`unit`, `unitKey`, …, `evaluates`) and its fields.
  kindOf = check: if builtins.isString check.test then check.test else builtins.head (builtins.attrNames check.test);
  fieldsOf = check: if builtins.isString check.test then { } else check.test.${kindOf check};

  # The options a check forces (its `with`), and the module forcing one,
  # as the playground's Options tab does.
  withOf = check: check."with" or [ ];
  forcing = setting: {
    _file = "the check's with";
    config = lib.setAttrByPath (helpers.splitPath setting.option) (lib.mkForce setting.value);
  };

  # The judges reading the rendered system, by kind.
  systemJudges = { inherit (system) unit unitKey nginx port etc; };

  # The most checks a step has: the parts `judgeStep` gives.
  maxChecks = 32;

  # What the playground evaluates for a step whose files are in `dir`: a
  # NixOS module (its `entry`), or, for `flake.nix`, the flake's
  # configuration `attr` (or a full output path when it holds a dot) or
  # its only one; `outputs`: the flake's outputs, or null.
  evaluated = dir: step:
    let
      attr = step.attr or null;
      outputs = (import ../flake { src = /. + dir; }).outputs;
      all = outputs.nixosConfigurations or { };
      names = builtins.attrNames all;
      only =
        if names == [ ] then throw "the flake in ${dir} has no nixosConfigurations: nothing to render"
        else if builtins.length names > 1 then
          throw "the flake in ${dir} has several nixosConfigurations (${builtins.concatStringsSep ", " names}); the step must name one (attr)"
        else all.${builtins.head names};
    in
    if step.entry != "flake.nix" then { configuration = import ../nixos { configuration = /. + "${dir}/${step.entry}"; }; outputs = null; }
    else {
      inherit outputs;
      configuration =
        if attr == null then only
        else if lib.hasInfix "." attr then lib.getAttrFromPath (helpers.splitPath attr) outputs
        else all.${attr};
    };
in
rec {
  /** One part per check, named by its index: its verdict, or `{ warnings; }`.
      `configuration`: the learner's evaluated NixOS configuration
      (`{ config; options; extendModules; … }`); `outputs`: a flake's
      outputs, or null for a NixOS module; `dir`: the folder of the
      learner's files (`/playground`), whose options are their own;
      `checks`: the step's checks (`builtins.fromJSON` of the bundle's). */
  judge = { configuration, outputs ? null, dir, checks }:
    let
      # The configuration of each distinct `with`, shared by its checks.
      configurations = builtins.listToAttrs (map (w: {
        name = builtins.toJSON w;
        value = if w == [ ] then configuration else configuration.extendModules { modules = map forcing w; };
      }) (lib.unique (map withOf checks)));
      part = check:
        let
          c = configurations.${builtins.toJSON (withOf check)};
          kind = kindOf check;
          test = fieldsOf check;
          rendered = c.config.system.build.nixpen;
          # What the playground's outputs show: a check on any of it fails
          # when any of it does not evaluate, as the outputs would.
          shown = { inherit (rendered) units nginx etc firewall warnings; };
        in
        if kind == "option" then values.option (values.ownOptions c outputs dir) test
        else if kind == "value" then values.value c.config test
        else if kind == "output" then values.output outputs test
        else builtins.deepSeq shown (
          if kind == "warning" then { inherit (shown) warnings; }
          else if kind == "evaluates" then helpers.pass
          else if kind == "error" then helpers.fail "the configuration evaluates without an error"
          else if systemJudges ? ${kind} then systemJudges.${kind} shown test
          else helpers.fail "(Nixpen) there is no judge of checks of the kind ${kind}");
    in
    builtins.listToAttrs (lib.imap0 (i: check: { name = toString i; value = part check; }) checks);

  /** `judge` for a step as the bundle holds it (`{ entry; attr ? null;
      checks; … }`) on the learner's files in `dir`: the parts "0" to "31",
      null past the step's checks. */
  judgeStep = { dir, step }:
    let
      parts = judge (evaluated dir step // { inherit dir; inherit (step) checks; });
    in
    builtins.listToAttrs (builtins.genList (i: { name = toString i; value = parts.${toString i} or null; }) maxChecks);

  /** The verdicts, in order, from each check's `results` (`{ ok = part; }`
      or `{ error = …; }`) and the evaluator's `messages`. */
  verdicts = { dir, checks, results, messages ? [ ] }:
    let
      printed = builtins.filter (w: w != null) (map outcome.warningText messages);
      verdict = i: check:
        let
          kind = kindOf check;
          test = fieldsOf check;
          result = if i < builtins.length results then builtins.elemAt results i else null;
        in
        if result == null then helpers.fail "(Nixpen) the check was not judged"
        else if result ? error then outcome.failed (outcome.failure dir result.error) printed kind test
        else if kind == "warning" then outcome.warning (printed ++ result.ok.warnings) test
        else result.ok;
    in
    lib.imap0 verdict checks;

  /** `judge`, then `verdicts`, in one evaluation (which an error fails). */
  run = { configuration, outputs ? null, dir, checks, messages ? [ ] }:
    let parts = judge { inherit configuration outputs dir checks; }; in
    verdicts {
      inherit dir checks messages;
      results = builtins.genList (i: { ok = parts.${toString i}; }) (builtins.length checks);
    };
}
