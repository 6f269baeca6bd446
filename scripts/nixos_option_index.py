#!/usr/bin/env python3
"""Builds Nixpen's index of NixOS's option paths from a nixpkgs checkout.

usage: scripts/nixos_option_index.py NIXPKGS [--commit SHA] [--supplement FILE]...
       > crates/nixos/nixpkgs-extra/nixos/option-index.nix

For every module `nixos/modules/module-list.nix` lists, the option paths
its top-level `options` declare are read from the module's text (and from
the local files it imports), without evaluating anything: an attribute
path whose value is an attribute set names options below; any other value
(`mkOption { … }`, `mkEnableOption "…"`, …) is one option. A module whose
declarations cannot be read that way (its file is missing, as in a sparse
checkout, or its options are computed) is known by the prefix its path
gives (`services/web-servers/caddy/default.nix` is `services.caddy`; the
rules are `PATH_RULES` and `path_prefix`).

Each module's prefix (the longest common prefix of its options, at least
two names long) is marked as open (`"*" = 0`): NixOS may declare options
there that the module's text did not show, or that were added since.
Supplement files add lines `PATH option` or `PATH module`.

The result is a Nix file: `{ commit; tree; }`, `tree` holding the names,
`1` at a declared option, `0` at a module prefix whose options are not
listed, and `"*" = 0` in a set whose names are not all listed (see
crates/nixos/nixpkgs/nixos/lib/option-index.nix, which reads it).
"""

import os
import re
import sys

# ------------------------------------------------------------------ lexing

PUNCT = ["...", "//", "->", "==", "!=", "<=", ">=", "&&", "||", "++"]
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_'\-]*")
PATH = re.compile(r"(\.\.?|~)?(/[A-Za-z0-9._+\-]+)+|<[A-Za-z0-9._+\-/]+>")
NUMBER = re.compile(r"[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?")


def skip_interpolation(text, i):
    """`i` is just after `${`: returns the index after the matching `}`."""
    depth = 1
    while i < len(text) and depth:
        c = text[i]
        if c == '"':
            i = skip_string(text, i + 1)
            continue
        if text.startswith("''", i):
            i = skip_indented(text, i + 2)
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return i


def skip_string(text, i):
    """`i` is just after `"`: returns the index after the closing quote."""
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
        elif c == '"':
            return i + 1
        elif text.startswith("${", i):
            i = skip_interpolation(text, i + 2)
        else:
            i += 1
    return i


def skip_indented(text, i):
    """`i` is just after `''`: returns the index after the closing `''`."""
    while i < len(text):
        if text.startswith("'''", i) or text.startswith("''$", i) or text.startswith("''\\", i):
            i += 3
        elif text.startswith("''", i):
            return i + 2
        elif text.startswith("${", i):
            i = skip_interpolation(text, i + 2)
        else:
            i += 1
    return i


def tokens(text):
    """The tokens of a Nix text as (kind, value): kind is "id", "str"
    (value None when the string is interpolated), "path", "num" or "op"."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c == '"':
            j = skip_string(text, i + 1)
            body = text[i + 1:j - 1]
            out.append(("str", None if "${" in body else body.replace('\\"', '"')))
            i = j
        elif text.startswith("''", i):
            j = skip_indented(text, i + 2)
            out.append(("str", None))
            i = j
        elif c.isalpha() or c == "_":
            m = IDENT.match(text, i)
            out.append(("id", m.group()))
            i = m.end()
        elif (c in "./~<") and PATH.match(text, i) and not (c == "<" and text.startswith("<=", i)):
            m = PATH.match(text, i)
            out.append(("path", m.group()))
            i = m.end()
        elif c.isdigit():
            m = NUMBER.match(text, i)
            out.append(("num", m.group()))
            i = m.end()
        elif text.startswith("${", i):
            j = skip_interpolation(text, i + 2)
            out.append(("interp", None))
            i = j
        else:
            op = next((p for p in PUNCT if text.startswith(p, i)), c)
            out.append(("op", op))
            i += len(op)
    return out


# ------------------------------------------------------------------ parsing


class Dynamic(Exception):
    """The declarations are computed, not written out."""


class Parser:
    def __init__(self, toks):
        self.t = toks
        self.i = 0

    def peek(self, k=0):
        j = self.i + k
        return self.t[j] if j < len(self.t) else ("eof", None)

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def is_op(self, op, k=0):
        return self.peek(k) == ("op", op)

    def skip_value(self):
        """Skips an expression up to the `;` (or closing bracket) that ends it."""
        depth = 0
        lets = 0
        while True:
            kind, value = self.peek()
            if kind == "eof":
                return
            if kind == "op" and value in "([{":
                depth += 1
            elif kind == "op" and value in ")]}":
                if depth == 0:
                    return
                depth -= 1
            elif kind == "id" and value == "let" and not self.is_op("=", 1):
                lets += 1
            elif kind == "id" and value == "in" and lets:
                lets -= 1
            elif kind == "op" and value == ";" and depth == 0 and lets == 0:
                return
            self.take()

    def attrpath(self):
        """An attribute path up to `=`, as a list of names."""
        names = []
        while True:
            kind, value = self.take()
            if kind == "id" or (kind == "str" and value is not None):
                names.append(value)
            else:
                raise Dynamic()
            if self.is_op("."):
                self.take()
                continue
            return names

    def module_body(self):
        """Skips the module's arguments, `let … in` and `with …;` to the
        attribute set it returns; returns False if it returns anything else."""
        while True:
            kind, value = self.peek()
            if kind == "op" and value == "{":
                # Function arguments `{ a, b ? x, ... }:` or the body itself.
                j = self.i + 1
                depth = 0
                while j < len(self.t):
                    k, v = self.t[j]
                    if k == "op" and v in "([{":
                        depth += 1
                    elif k == "op" and v in ")]}":
                        if depth == 0:
                            break
                        depth -= 1
                    j += 1
                after = self.t[j + 1] if j + 1 < len(self.t) else ("eof", None)
                after2 = self.t[j + 2] if j + 2 < len(self.t) else ("eof", None)
                if after == ("op", ":") or (after == ("op", "@") and after2[0] == "id"):
                    self.i = j + 1
                    while not self.is_op(":"):
                        self.take()
                    self.take()
                    continue
                return True
            if kind == "id" and (self.is_op(":", 1) or self.is_op("@", 1)):
                while not self.is_op(":"):
                    self.take()
                self.take()
                continue
            if kind == "id" and value == "let":
                self.take()
                depth = 0
                while True:
                    k, v = self.take()
                    if k == "eof":
                        return False
                    if k == "op" and v in "([{":
                        depth += 1
                    elif k == "op" and v in ")]}":
                        depth -= 1
                    elif k == "id" and v == "let":
                        depth += 1000
                    elif k == "id" and v == "in":
                        if depth == 0:
                            break
                        if depth >= 1000:
                            depth -= 1000
                continue
            if kind == "id" and value == "with":
                self.take()
                self.skip_value()
                self.take()
                continue
            return False

    def bindings(self):
        """The bindings of the attribute set at `{`: yields (path, start
        index of the value) and leaves the parser after the closing `}`."""
        assert self.take() == ("op", "{")
        while True:
            kind, value = self.peek()
            if kind == "eof":
                return
            if kind == "op" and value == "}":
                self.take()
                return
            if kind == "id" and value == "inherit":
                self.take()
                if self.is_op("("):
                    depth = 0
                    while True:
                        k, v = self.take()
                        if k == "op" and v == "(":
                            depth += 1
                        elif k == "op" and v == ")":
                            depth -= 1
                            if depth == 0:
                                break
                names = []
                while not self.is_op(";"):
                    k, v = self.take()
                    if k == "id" or (k == "str" and v is not None):
                        names.append(v)
                self.take()
                for name in names:
                    yield [name], None
                continue
            try:
                path = self.attrpath()
            except Dynamic:
                self.skip_value()
                self.take()
                continue
            if not self.is_op("="):
                self.skip_value()
                self.take()
                continue
            self.take()
            yield path, self.i
            self.skip_value()
            if self.is_op(";"):
                self.take()

    def options_under(self, prefix, start, out):
        """Adds the option paths of the declaration whose value starts at
        token `start` (below `prefix`) to `out`."""
        if start is None or self.t[start] != ("op", "{"):
            out.add(tuple(prefix))
            return
        saved = self.i
        self.i = start
        inner = Parser(self.t)
        inner.i = start
        for path, value in inner.bindings():
            if value is None:
                out.add(tuple(prefix + path))
            else:
                inner2 = Parser(self.t)
                inner2.options_under(prefix + path, value, out)
        self.i = saved


def declarations(text):
    """(option paths, imported relative paths) of a module's text; raises
    Dynamic when its options are not written out."""
    p = Parser(tokens(text))
    if not p.module_body() or not p.is_op("{"):
        raise Dynamic()
    found = set()
    imports = []
    for path, start in p.bindings():
        if path[0] == "options":
            p2 = Parser(p.t)
            p2.options_under(path[1:], start, found)
        elif path == ["imports"] and start is not None:
            j = start
            depth = 0
            while j < len(p.t):
                k, v = p.t[j]
                if k == "op" and v in "([{":
                    depth += 1
                elif k == "op" and v in ")]}":
                    depth -= 1
                    if depth <= 0:
                        break
                elif k == "path" and v.startswith("./") and depth == 1:
                    imports.append(v)
                j += 1
    found.discard(())
    return found, imports


# ------------------------------------------------------------------ paths

# Modules whose prefix their path does not give by the general rule (several
# prefixes are separated by spaces).
PATH_RULES = {
    "services/networking/avahi-daemon.nix": "services.avahi",
    "services/networking/ssh/sshd.nix": "services.openssh",
    "services/printing/cupsd.nix": "services.printing",
    "services/web-servers/apache-httpd/default.nix": "services.httpd",
    "services/x11/xserver.nix": "services.xserver",
    "services/x11/display-managers/default.nix": "services.xserver.displayManager",
    "services/x11/desktop-managers/default.nix": "services.xserver.desktopManager",
    "services/x11/window-managers/default.nix": "services.xserver.windowManager",
    "services/display-managers/default.nix": "services.displayManager",
    "services/desktops/pipewire/wireplumber.nix": "services.pipewire.wireplumber",
    "services/hardware/bluetooth.nix": "hardware.bluetooth",
    "services/hardware/sane.nix": "hardware.sane",
    "services/monitoring/prometheus/default.nix": "services.prometheus",
    "services/monitoring/prometheus/exporters.nix": "services.prometheus.exporters",
    "services/monitoring/prometheus/alertmanager.nix": "services.prometheus.alertmanager",
    "services/monitoring/prometheus/pushgateway.nix": "services.prometheus.pushgateway",
    "services/networking/ntp/ntpd.nix": "services.ntp",
    "services/networking/firewall.nix": "networking.firewall",
    "services/networking/firewall-iptables.nix": "networking.firewall",
    "services/networking/firewall-nftables.nix": "networking.firewall",
    "services/networking/nat.nix": "networking.nat",
    "services/networking/networkmanager.nix": "networking.networkmanager",
    "services/networking/wpa_supplicant.nix": "networking.wireless",
    "services/networking/iwd.nix": "networking.wireless.iwd",
    "services/networking/dhcpcd.nix": "networking.dhcpcd",
    "services/networking/wireguard.nix": "networking.wireguard",
    "services/networking/wg-quick.nix": "networking.wg-quick",
    "services/networking/nftables.nix": "networking.nftables",
    "services/networking/supplicant.nix": "networking.supplicant",
    "services/system/nix-daemon.nix": "nix",
    "services/misc/nix-gc.nix": "nix.gc",
    "services/misc/nix-optimise.nix": "nix.optimise",
    "services/misc/nix-ssh-serve.nix": "nix.sshServe",
    "services/audio/alsa.nix": "hardware.alsa",
    "config/nix.nix": "nix",
    "config/nix-channel.nix": "nix",
    "config/nix-flakes.nix": "nix",
    "config/nix-remote-build.nix": "nix",
    "config/users-groups.nix": "users",
    "config/i18n.nix": "i18n",
    "config/swap.nix": "swapDevices",
    "config/zram.nix": "zramSwap",
    "config/sysctl.nix": "boot.kernel.sysctl",
    "config/fonts/packages.nix": "fonts",
    "config/fonts/fontconfig.nix": "fonts.fontconfig",
    "config/resolvconf.nix": "networking.resolvconf",
    "config/power-management.nix": "powerManagement",
    "config/system-path.nix": "environment",
    "config/system-environment.nix": "environment",
    "config/shells-environment.nix": "environment",
    "config/xdg/portal.nix": "xdg.portal",
    "config/xdg/mime.nix": "xdg.mime",
    "config/xdg/autostart.nix": "xdg.autostart",
    "config/xdg/icons.nix": "xdg.icons",
    "config/xdg/menus.nix": "xdg.menus",
    "config/xdg/sounds.nix": "xdg.sounds",
    "config/xdg/terminal-exec.nix": "xdg.terminal-exec",
    "programs/environment.nix": "environment",
    "programs/bash/bash-completion.nix": "programs.bash.completion",
    "programs/bash/ls-colors.nix": "programs.bash.enableLsColors",
    "programs/bash/undistract-me.nix": "programs.bash.undistractMe",
    "programs/bash/blesh.nix": "programs.bash.blesh",
    "programs/zsh/oh-my-zsh.nix": "programs.zsh.ohMyZsh",
    "programs/zsh/zsh-autosuggestions.nix": "programs.zsh.autosuggestions",
    "programs/zsh/zsh-syntax-highlighting.nix": "programs.zsh.syntaxHighlighting",
    "programs/zsh/zsh-autoenv.nix": "programs.zsh.zsh-autoenv",
    "hardware/all-firmware.nix": "hardware",
    "hardware/cpu/amd-microcode.nix": "hardware.cpu.amd",
    "hardware/cpu/intel-microcode.nix": "hardware.cpu.intel",
    "hardware/cpu/amd-sev.nix": "hardware.cpu.amd",
    "hardware/cpu/amd-ryzen-smu.nix": "hardware.cpu.amd",
    "hardware/cpu/intel-sgx.nix": "hardware.cpu.intel",
    "hardware/cpu/intel-npu.nix": "hardware.cpu.intel",
    "hardware/cpu/x86-msr.nix": "hardware.cpu.x86",
    "hardware/video/nvidia.nix": "hardware.nvidia",
    "virtualisation/virtualbox-host.nix": "virtualisation.virtualbox.host",
    "virtualisation/virtualbox-guest.nix": "virtualisation.virtualbox.guest",
    "virtualisation/vmware-guest.nix": "virtualisation.vmware.guest",
    "virtualisation/vmware-host.nix": "virtualisation.vmware.host",
    "virtualisation/docker-rootless.nix": "virtualisation.docker.rootless",
    "virtualisation/nixos-containers.nix": "containers",
    "virtualisation/qemu-guest-agent.nix": "services.qemuGuest",
    "virtualisation/xen-dom0.nix": "virtualisation.xen",
    "virtualisation/lxcfs.nix": "virtualisation.lxc.lxcfs",
    "virtualisation/hyperv-guest.nix": "virtualisation.hypervGuest",
    "virtualisation/spice-usb-redirection.nix": "virtualisation.spiceUSBRedirection",
    "security/wrappers/default.nix": "security.wrappers",
    "security/pam_mount.nix": "security.pam.mount",
    "security/lock-kernel-modules.nix": "security.lockKernelModules",
    "security/chromium-suid-sandbox.nix": "security.chromiumSuidSandbox",
    "security/ca.nix": "security.pki",
    "system/boot/loader/loader.nix": "boot.loader",
    "system/boot/loader/efi.nix": "boot.loader.efi",
    "system/boot/loader/grub/ipxe.nix": "boot.loader.grub.ipxe",
    "system/boot/loader/grub/memtest.nix": "boot.loader.grub.memtest86",
    "system/boot/loader/init-script/init-script.nix": "boot.loader.initScript",
    "system/boot/loader/generations-dir/generations-dir.nix": "boot.loader.generationsDir",
    "system/boot/stage-1.nix": "boot.initrd",
    "system/boot/luksroot.nix": "boot.initrd.luks",
    "system/boot/initrd-network.nix": "boot.initrd.network",
    "system/boot/initrd-ssh.nix": "boot.initrd.network.ssh",
    "system/boot/initrd-openvpn.nix": "boot.initrd.network.openvpn",
    "system/boot/clevis.nix": "boot.initrd.clevis",
    "system/boot/networkd.nix": "systemd.network",
    "system/boot/resolved.nix": "services.resolved",
    "system/boot/timesyncd.nix": "services.timesyncd",
    "system/boot/grow-partition.nix": "boot.growPartition",
    "system/boot/emergency-mode.nix": "systemd.enableEmergencyMode",
    "system/boot/systemd/journald.nix": "services.journald",
    "system/boot/systemd/journald-gateway.nix": "services.journald.gateway",
    "system/boot/systemd/journald-remote.nix": "services.journald.remote",
    "system/boot/systemd/journald-upload.nix": "services.journald.upload",
    "system/boot/systemd/logind.nix": "services.logind",
    "system/boot/systemd/homed.nix": "services.homed",
    "system/boot/systemd/userdbd.nix": "services.userdbd",
    "system/boot/systemd/initrd.nix": "boot.initrd.systemd",
    "system/boot/systemd/initrd-secrets.nix": "boot.initrd.secrets",
    "tasks/filesystems.nix": "fileSystems",
    "tasks/filesystems/zfs.nix": "boot.zfs services.zfs",
    "tasks/network-interfaces.nix": "networking",
    "tasks/lvm.nix": "services.lvm",
    "tasks/swraid.nix": "boot.swraid",
    "tasks/auto-upgrade.nix": "system.autoUpgrade",
    "tasks/cpu-freq.nix": "powerManagement",
    "tasks/powertop.nix": "powerManagement.powertop",
    "tasks/encrypted-devices.nix": "fileSystems",
    "tasks/trackpoint.nix": "hardware.trackpoint",
    "misc/locate.nix": "services.locate",
    "misc/man-db.nix": "documentation.man.man-db",
    "misc/mandoc.nix": "documentation.man.mandoc",
    "misc/version.nix": "system",
    "misc/label.nix": "system.nixos",
    "system/activation/top-level.nix": "system",
    "system/activation/activation-script.nix": "system",
    "system/etc/etc-activation.nix": "environment.etc",
    # Services whose file is named otherwise than their options.
    "services/cluster/rancher/default.nix": "services.k3s services.rke2",
    "services/cluster/kubernetes/default.nix": "services.kubernetes",
    "services/cluster/kubernetes/addons/dns.nix": "services.kubernetes.addons.dns",
    "services/cluster/kubernetes/addon-manager.nix": "services.kubernetes.addonManager",
    "services/cluster/kubernetes/controller-manager.nix": "services.kubernetes.controllerManager",
    "services/mail/dovecot.nix": "services.dovecot2",
    "services/matrix/synapse.nix": "services.matrix-synapse",
    "services/matrix/conduit.nix": "services.matrix-conduit",
    "services/misc/docker-registry.nix": "services.dockerRegistry",
    "services/monitoring/munin.nix": "services.munin-node services.munin-cron",
    "services/monitoring/zabbix-agent.nix": "services.zabbixAgent",
    "services/monitoring/zabbix-proxy.nix": "services.zabbixProxy",
    "services/monitoring/zabbix-server.nix": "services.zabbixServer",
    "services/network-filesystems/nfsd.nix": "services.nfs.server",
    "i18n/input-method/default.nix": "i18n.inputMethod",
}

# Directories whose modules are named `PREFIX.<file name>`.
DIR_PREFIXES = [
    ("services/x11/display-managers/", "services.xserver.displayManager."),
    ("services/x11/window-managers/", "services.xserver.windowManager."),
    ("services/x11/hardware/", "services.xserver."),
    ("services/display-managers/", "services.displayManager."),
    ("services/cluster/kubernetes/", "services.kubernetes."),
    ("services/desktops/gnome/", "services.gnome."),
    ("system/boot/loader/", "boot.loader."),
    ("system/boot/systemd/", "systemd."),
    ("system/boot/", "boot."),
    ("tasks/filesystems/", "services."),
    ("hardware/", "hardware."),
    ("programs/", "programs."),
    ("virtualisation/", "virtualisation."),
    ("security/", "security."),
    ("config/xdg/", "xdg."),
    ("config/", ""),
    ("i18n/input-method/", "i18n.inputMethod."),
    ("services/", "services."),
]

# Namespaces many modules share: a module is never known by one of these
# names alone (`networking`), only by the options it declares.
SHARED = {"networking", "boot", "environment", "users", "nix", "system", "systemd", "security", "hardware",
          "services", "programs", "i18n", "virtualisation", "fileSystems", "powerManagement", "documentation",
          "xdg", "fonts", "time", "console"}


def path_prefix(module):
    """The option prefix a module's path gives (`services.caddy`), or None."""
    if module in PATH_RULES:
        return PATH_RULES[module]
    stem = module[:-len(".nix")] if module.endswith(".nix") else module
    parts = stem.split("/")
    if parts[-1] == "default" and len(parts) > 1:
        parts = parts[:-1]
    name = parts[-1]
    if len(parts) > 1 and parts[-2] == name:
        pass
    for directory, prefix in DIR_PREFIXES:
        if module.startswith(directory):
            return prefix + name
    return None


# ------------------------------------------------------------------ the tree


def module_files(root, module):
    """The file of a module entry (a file or a folder's default.nix)."""
    path = os.path.join(root, "nixos", "modules", module)
    if os.path.isdir(path):
        path = os.path.join(path, "default.nix")
    return path


def read_module(root, module, seen=None):
    """The option paths a module declares, following its local imports;
    None when they cannot be read from its text."""
    seen = seen if seen is not None else set()
    path = module_files(root, module)
    if path in seen:
        return set()
    seen.add(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    try:
        found, imports = declarations(text)
    except Dynamic:
        return None
    base = os.path.dirname(module)
    for imported in imports:
        rel = os.path.normpath(os.path.join(base, imported))
        more = read_module(root, rel, seen)
        if more:
            found |= more
    return found


def common_prefix(paths):
    paths = list(paths)
    first = paths[0]
    n = len(first)
    for p in paths[1:]:
        n = min(n, len(p))
        for i in range(n):
            if p[i] != first[i]:
                n = i
                break
    return first[:n]


def add(tree, path, leaf):
    """Adds `path` to `tree`: `leaf` is 1 (an option) or "open" (a module
    prefix whose options are not all listed)."""
    node = tree
    for i, name in enumerate(path):
        last = i == len(path) - 1
        child = node.get(name)
        if last:
            if leaf == 1:
                if child is None:
                    node[name] = 1
            else:
                if child is None or child == 1:
                    node[name] = {"*": 0} if child is None else child
                elif isinstance(child, dict):
                    child["*"] = 0
            return
        if child is None or not isinstance(child, dict):
            if child == 1:
                return  # inside an option's value
            child = node[name] = {}
        node = child


def module_list(root):
    with open(os.path.join(root, "nixos", "modules", "module-list.nix"), encoding="utf-8") as f:
        text = f.read()
    # The list's own entries: those before the attribute set of modules
    # only the manual imports.
    text = text.split("{", 1)[0]
    return re.findall(r"^\s*\./([^\s\]]+)", text, re.M)


def build(root, supplements):
    tree = {}
    stats = {"read": 0, "by path": 0, "unknown": []}
    for module in module_list(root):
        found = read_module(root, module)
        if found:
            stats["read"] += 1
            for path in found:
                add(tree, list(path), 1)
            prefix = common_prefix(found)
            if len(prefix) >= 2 or (len(prefix) == 1 and prefix[0] not in SHARED):
                add(tree, list(prefix), "open")
            continue
        prefix = path_prefix(module)
        if prefix is None:
            stats["unknown"].append(module)
            continue
        stats["by path"] += 1
        for one in prefix.split():
            parts = one.split(".")
            if len(parts) == 1 and parts[0] in SHARED:
                continue
            add(tree, parts, "open")
    for supplement in supplements:
        with open(supplement, encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                path, kind = line.split()
                add(tree, path.split("."), 1 if kind == "option" else "open")
    return tree, stats


# ------------------------------------------------------------------ output


def nix_name(name):
    if IDENT.fullmatch(name) and name not in ("let", "in", "rec", "with", "inherit", "if", "then", "else", "assert",
                                             "or"):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"').replace("${", "\\${") + '"'


def render(node):
    if node in (0, 1):
        return str(node)
    if node == {"*": 0}:
        return "0"
    return "{ " + " ".join(f"{nix_name(k)} = {render(v)};" for k, v in sorted(node.items())) + " }"


def main(argv):
    args = argv[1:]
    commit = "unknown"
    supplements = []
    root = None
    while args:
        a = args.pop(0)
        if a == "--commit":
            commit = args.pop(0)
        elif a == "--supplement":
            supplements.append(args.pop(0))
        elif root is None:
            root = a
        else:
            sys.exit(__doc__)
    if root is None:
        sys.exit(__doc__)
    tree, stats = build(root, supplements)
    print("# NixOS's option paths, generated by scripts/nixos_option_index.py; do not edit.")
    print(f"# Modules read: {stats['read']}; known by their path: {stats['by path']}; "
          f"skipped: {len(stats['unknown'])}.")
    print("{")
    print(f'  commit = "{commit}";')
    print("  tree = {")
    for name, node in sorted(tree.items()):
        print(f"    {nix_name(name)} = {render(node)};")
    print("  };")
    print("}")
    for module in stats["unknown"]:
        print(f"no prefix for {module}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
