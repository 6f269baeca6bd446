# Lesson judges on values: the options the learner's own modules declare
# (`lib.nixpen.optionsToData`), a value below `config`, an output of a
# flake. Each returns a verdict.
{ lib, helpers }:
let
  inherit (helpers) pass fail when squash splitPath anyPasses quoted someOf;

  # A value as a check shows it: a package as `<derivation NAME>`,
  # anything else as `lib.nixpen.toText` prints it.
  show = v: if lib.isDerivation v then "<derivation ${v.name}>" else lib.nixpen.toText v;

  # The value at `path` (as authors write it) below `root`, shown; null
  # when there is no such attribute.
  probe = root: path:
    let names = splitPath path; in
    if lib.hasAttrByPath names root then show (lib.getAttrFromPath names root) else null;
in
{
  /** The options the files under `dir` (the learner's) declare in
      `configuration`, as `lib.nixpen.optionsToData` gives them. A flake's
      `nixosModule(s)` (in `outputs`) count even before its configuration
      imports them: the configuration is then read extended with them. */
  ownOptions = configuration: outputs: dir:
    let
      toData = lib.nixpen.optionsToData;
      own = o: builtins.any (d: lib.hasPrefix "${dir}/" (toString (d.file or d))) o.declarations;
      modules = if outputs == null then [ ]
        else builtins.attrValues (outputs.nixosModules or { }) ++ lib.optional (outputs ? nixosModule) outputs.nixosModule;
      imported = builtins.any own (toData configuration.options);
      read = if modules == [ ] || imported then configuration else configuration.extendModules { inherit modules; };
    in
    builtins.filter own (toData read.options);

  /** The option `name` is among `options` (`present`), with the type
      description `typeDescription` and the default `default` (as
      `lib.nixpen.toText` prints it) when those are not null; or is not. */
  option = options: { name, present, typeDescription ? null, default ? null }:
    let found = lib.findFirst (o: o.name == name) null options; in
    if found == null then
      (if !present then pass
      else if options == [ ] then fail "there is no option ${name}: your modules declare no options"
      else fail "there is no option ${name}; your modules declare ${someOf (map (o: o.name) options)}")
    else if !present then fail "your modules declare the option ${name}"
    else if typeDescription != null && found.type != typeDescription then fail "${name} has the type `${found.type}`"
    else if default == null then pass
    else if found.default == null then fail "${name} has no default"
    else when (squash found.default.text == squash default) "the default of ${name} is `${found.default.text}`";

  /** The value at `path` below `config` prints as `equals` (spaces and
      line breaks aside). */
  value = config: { path, equals }:
    let shown = "config.${path}"; found = probe config path; in
    if found == null then fail "there is no ${shown}"
    else when (squash found == squash equals) "${shown} is `${found}`";

  /** The flake (its `outputs`; null for a module) has the output `path`
      (`present`), whose text passes the text test `text` if not null; or
      has not. */
  output = outputs: { path, text ? null, present }:
    let found = probe (if outputs == null then { } else outputs) path; in
    if found == null then when (!present) "the flake has no output ${path}"
    else if !present then fail "the flake has the output ${path}"
    else if text == null then pass
    else when (anyPasses text [ found ]) "the output ${path} is ${quoted [ found ]}";
}
