#!/usr/bin/env python3
"""Writes the option tables of docs/supported-options.md (everything from
its first `## \\`…\\`` section on) from the options Nixpen declares.

usage: scripts/supported-options.py [NIXPEN]   (NIXPEN: the nixpen binary,
       target/ci/nixpen by default)

The options are read with `nixpen eval` from `lib.optionAttrSetToDocList`
of an empty configuration's options (as NixOS's manual lists them, with
the options of submodules under `<name>`); internal and invisible ones are
left out. Each
section is a namespace: the first name of an option, or its first two for
services, security, systemd and programs, and networking.firewall and boot.loader.
"""

import json
import os
import subprocess
import sys

DOC = os.path.join(os.path.dirname(__file__), "..", "docs", "supported-options.md")
TWO = {"services", "security", "systemd", "programs"}


def section(name):
    parts = name.split(".")
    if parts[0] in TWO or parts[:2] == ["networking", "firewall"] or parts[:2] == ["boot", "loader"]:
        return ".".join(parts[:2])
    return parts[0]


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ").strip()


def main():
    nixpen = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "target", "ci", "nixpen")
    expr = (
        "let e = import <nixpkgs/nixos> { configuration = { lib, ... }: { boot.isContainer = true; imports = (import <nixpkgs/nixos/modules/lazy-module-list.nix> { inherit lib; }).modules; }; }; lib = import <nixpkgs/lib>; "
        "in map (o: { inherit (o) name type description readOnly; default = o.default.text or null; }) "
        "(builtins.filter (o: !o.internal && o.visible == true) (lib.optionAttrSetToDocList e.options))"
    )
    out = subprocess.run([nixpen, "eval", "--strict", "--json", "--expr", expr], capture_output=True, text=True, check=True)
    options = [o for o in json.loads(out.stdout) if not o["name"].startswith("_module")]
    groups = {}
    for o in options:
        groups.setdefault(section(o["name"]), []).append(o)
    lines = []
    for group in sorted(groups):
        lines += [f"## `{group}`", "", "| option | type | default | description |", "|---|---|---|---|"]
        for o in sorted(groups[group], key=lambda o: o["name"]):
            default = o.get("default")
            if default is not None:
                default = cell(default)
                default = f"`{default[:76] + '…' if len(default) > 76 else default}`"
            else:
                default = "—"
            desc = cell(o.get("description") or "")
            if o.get("readOnly"):
                desc += " (read-only)"
            lines.append(f"| `{cell(o['name'])}` | {cell(o['type'])} | {default} | {desc} |")
        lines.append("")
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    head = text[: text.index("\n## `") + 1]
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(head + "\n".join(lines))


if __name__ == "__main__":
    main()
