# Builders that make derivations from text or from other derivations
# (writeText, writeShellScript, runCommand, symlinkJoin, mkShell, …), with
# the names and arguments of nixpkgs' trivial builders. Their results get
# real store paths but are never built; the text they would write is kept
# in the derivation's `text` attribute so views can show it.
{ lib, pkgs, makeDerivation }:

let
  inherit (lib) optionalString concatStringsSep concatMapStringsSep;

  # runCommandWith: the common form behind runCommand and runCommandLocal.
  runCommandWith = { name, derivationArgs ? { } }: buildCommand:
    makeDerivation ({
      inherit name buildCommand;
      enableParallelBuilding = true;
      passAsFile = [ "buildCommand" ] ++ (derivationArgs.passAsFile or [ ]);
    } // removeAttrs derivationArgs [ "passAsFile" ]);

  self = rec {
    # runCommand name env buildCommand: a derivation whose build is the
    # shell snippet `buildCommand`, with `env` as extra attributes.
    runCommand = name: env: runCommandWith { inherit name; derivationArgs = env; };

    # runCommandLocal: runCommand that prefers a local build.
    runCommandLocal = name: env: runCommandWith {
      inherit name;
      derivationArgs = { preferLocalBuild = true; allowSubstitutes = false; } // env;
    };

    # runCommandCC: runCommand with a C compiler (the same here).
    runCommandCC = runCommand;

    # writeTextFile { name, text, executable, destination, … }: a file with
    # `text` in the store, at `$out` or at `$out${destination}`.
    writeTextFile =
      { name, text, executable ? false, destination ? "", checkPhase ? ""
      , meta ? { }, passthru ? { }, allowSubstitutes ? false, preferLocalBuild ? true
      , derivationArgs ? { } }:
      makeDerivation ({
        inherit name text executable checkPhase allowSubstitutes preferLocalBuild destination passthru;
        passAsFile = [ "text" ];
        meta = lib.optionalAttrs (executable && destination != "") {
          mainProgram = baseNameOf destination;
        } // meta;
        buildCommand = ''
          target=$out${lib.escapeShellArg destination}
          mkdir -p "$(dirname "$target")"
          if [ -e "$textPath" ]; then mv "$textPath" "$target"; else echo -n "$text" > "$target"; fi
          if [ -n "$executable" ]; then chmod +x "$target"; fi
          eval "$checkPhase"
        '';
      } // derivationArgs);

    # writeText name text: the file `text` in the store.
    writeText = name: text: writeTextFile { inherit name text; };

    # writeTextDir path text: `text` at `$out/path`.
    writeTextDir = path: text: writeTextFile {
      inherit text; name = baseNameOf path; destination = "/${path}";
    };

    # writeScript name text: an executable file.
    writeScript = name: text: writeTextFile { inherit name text; executable = true; };

    # writeScriptBin name text: an executable at `$out/bin/name`.
    writeScriptBin = name: text: writeTextFile {
      inherit name text; executable = true; destination = "/bin/${name}";
    };

    # writeShellScript name text: an executable bash script with a shebang.
    writeShellScript = name: text: writeTextFile {
      inherit name;
      executable = true;
      text = ''
        #!${pkgs.runtimeShell}
        ${text}
      '';
      checkPhase = ''
        ${pkgs.stdenv.shellDryRun} "$target"
      '';
    };

    # writeShellScriptBin name text: writeShellScript at `$out/bin/name`.
    writeShellScriptBin = name: text: writeTextFile {
      inherit name;
      executable = true;
      destination = "/bin/${name}";
      text = ''
        #!${pkgs.runtimeShell}
        ${text}
      '';
      checkPhase = ''
        ${pkgs.stdenv.shellDryRun} "$target"
      '';
      meta.mainProgram = name;
    };

    # writeShellApplication { name, text, runtimeInputs, … }: a checked
    # script at `$out/bin/name` with `runtimeInputs` on its PATH.
    writeShellApplication =
      { name, text, runtimeInputs ? [ ], runtimeEnv ? null, meta ? { }, passthru ? { }
      , bashOptions ? [ "errexit" "nounset" "pipefail" ], ... }:
      writeTextFile {
        inherit name meta passthru;
        executable = true;
        destination = "/bin/${name}";
        allowSubstitutes = true;
        preferLocalBuild = false;
        text = ''
          #!${pkgs.runtimeShell}
          ${concatMapStringsSep "\n" (option: "set -o ${option}") bashOptions}
        '' + optionalString (runtimeInputs != [ ]) ''

          export PATH="${lib.makeBinPath runtimeInputs}:$PATH"
        '' + ''

          ${text}
        '';
      };

    # concatTextFile / concatText: the files `files` joined into one.
    concatTextFile = { name, files, executable ? false, destination ? "", ... }:
      runCommandLocal name { inherit files executable; } ''
        cat $files > $out
      '';
    concatText = name: files: concatTextFile { inherit name files; };

    # symlinkJoin { name, paths, … }: a tree of symlinks joining `paths`.
    symlinkJoin = { name ? "${args.pname}-${args.version}", paths, postBuild ? "", ... }@args:
      runCommand name (removeAttrs args [ "name" "paths" "postBuild" ] // {
        inherit postBuild;
        paths = paths;
      }) ''
        mkdir -p $out
        for i in $paths; do lndir -silent $i $out; done
        ${postBuild}
      '';

    # buildEnv { name, paths, … }: like symlinkJoin.
    buildEnv = { name, paths, ... }@args: symlinkJoin {
      inherit name paths;
      postBuild = args.postBuild or "";
    };

    # linkFarm name entries: a folder of symlinks named by `entries`.
    linkFarm = name: entries:
      let list = if builtins.isList entries then entries
        else lib.mapAttrsToList (name: path: { inherit name path; }) entries;
      in runCommand name { preferLocalBuild = true; } (concatMapStringsSep "\n"
        (e: "mkdir -p \"$(dirname $out/${e.name})\"; ln -s ${e.path} $out/${e.name}") list);

    # mkShell { packages, buildInputs, shellHook, … }: the environment of
    # `nix develop`, as a derivation that refuses to build.
    mkShell = { name ? "nix-shell", packages ? [ ], inputsFrom ? [ ], buildInputs ? [ ]
      , nativeBuildInputs ? [ ], propagatedBuildInputs ? [ ], shellHook ? "", ... }@attrs:
      makeDerivation ((removeAttrs attrs [ "packages" "inputsFrom" ]) // {
        inherit name shellHook;
        nativeBuildInputs = packages ++ nativeBuildInputs;
        inherit buildInputs propagatedBuildInputs;
        phases = [ "buildPhase" ];
        buildPhase = ''
          echo "------------------------------------------------------------"
          echo " WARNING: the existence of this path is not guaranteed."
          echo " It is an internal implementation detail for pkgs.mkShell."
          echo "------------------------------------------------------------"
          echo
          export >> "$out"
        '';
        preferLocalBuild = true;
      });
  };
in
self
