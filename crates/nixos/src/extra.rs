//! The part of the nixpkgs tree that real configurations need and the
//! tutorial's do not (`crates/nixos/nixpkgs-extra/`): the index of NixOS's
//! option paths (`nixos/option-index.nix`, made by
//! `scripts/nixos_option_index.py`) and the code that sorts definitions of
//! options Nixpen does not declare; stand-in packages and more packages;
//! the modules of fstab, swap, nix.conf, boot loaders, the kernel,
//! hardware, X and network interfaces; openssh and PostgreSQL, which the
//! tutorial does not use; the units of ACME certificates (the options of
//! `security.acme` stay in the first download: nginx reads them);
//! `lib.gvariant`, `lib.fileset` and `lib.cli`, which few configurations
//! use; `lib.nixpen.explain`, which says why options have their values and
//! where rendered lines come from (asked for by the views that explain,
//! never by a render); and the judges of lesson checks
//! (`nixpen/lesson-checks.nix`), which only a lesson's "Check" needs.
//!
//! Native builds embed these files in the tree at the same relative paths.
//! The browser build leaves them out of its first download (which has a
//! budget): the app fetches them after the first outputs — each file of
//! [`SOURCE`] (served beside the wasm, keeping its relative path, and
//! listed in its `files.txt`, which `web/worker-loader.js` reads) — and
//! adds each to the mounted tree at `NIXPKGS_MOUNT/<relative path>`
//! (`nixpkgs_memory_fs.add_file("/nixos/option-index.nix", bytes)`, that
//! file system being mounted at `/nixpen/nixpkgs`), then evaluates again.
//! The Nix code looks for each with `builtins.pathExists`: until they are
//! there, definitions Nixpen does not declare are accepted unchecked (a
//! warning, `unmodelled[].checked` false), a missing package fails, and
//! the packages are not listed.

/// The tree's folder in this repository, relative to the crate `nixpen-nixos`.
pub const SOURCE: &str = "nixpkgs-extra";

/// The extra files' paths relative to the tree's root, as the browser must
/// add them: every file of [`SOURCE`].
pub const FILES: &[&str] = &[
    "flake/stand-in-inputs.nix",
    "lib/cli.nix",
    "lib/fileset.nix",
    "lib/gvariant.nix",
    "lib/nixpen-explain.nix",
    "nixos/lib/explain-lines.nix",
    "nixos/lib/graph-files.nix",
    "nixos/lib/option-index.nix",
    "nixos/lib/render-packages.nix",
    "nixos/lib/unknown-options.nix",
    "nixos/modules/config/nix.nix",
    "nixos/modules/config/swap.nix",
    "nixos/modules/hardware/default.nix",
    "nixos/modules/installer/scan/not-detected.nix",
    "nixos/modules/lazy-module-list.nix",
    "nixos/modules/misc/stand-ins.nix",
    "nixos/modules/misc/unmodelled-reads.nix",
    "nixos/modules/profiles/qemu-guest.nix",
    "nixos/modules/security/acme-units.nix",
    "nixos/modules/services/databases/postgresql.nix",
    "nixos/modules/services/networking/openssh.nix",
    "nixos/modules/services/web-servers/apache-httpd/config-text.nix",
    "nixos/modules/services/web-servers/apache-httpd/default.nix",
    "nixos/modules/services/web-servers/apache-httpd/vhost-options.nix",
    "nixos/modules/services/x11/xserver.nix",
    "nixos/modules/system/boot/kernel.nix",
    "nixos/modules/system/boot/loader.nix",
    "nixos/modules/system/systemd/unit-origins.nix",
    "nixos/modules/system/systemd/utils-more.nix",
    "nixos/modules/tasks/filesystems.nix",
    "nixos/modules/tasks/network-interfaces.nix",
    "nixos/option-defaults.nix",
    "nixos/option-index.nix",
    "nixpen/lesson-checks.nix",
    "nixpen/lesson-checks/helpers.nix",
    "nixpen/lesson-checks/outcome.nix",
    "nixpen/lesson-checks/system.nix",
    "nixpen/lesson-checks/values.nix",
    "pkgs/more.nix",
    "pkgs/package-list-more.nix",
    "pkgs/stand-ins.nix",
];

/// The path, relative to the tree's root, of the index of NixOS's options.
pub const OPTION_INDEX: &str = "nixos/option-index.nix";

/// The extra files as embedded (native builds): (relative path, contents);
/// empty in wasm32 builds.
///
/// ```
/// # #[cfg(not(target_arch = "wasm32"))]
/// assert_eq!(nixpen_nixos::extra::embedded().len(), nixpen_nixos::extra::FILES.len());
/// ```
pub fn embedded() -> Vec<(&'static str, &'static [u8])> {
    crate::embedded::files().iter().filter(|(rel, _)| FILES.contains(rel)).copied().collect()
}

#[cfg(test)]
mod tests {
    /// `FILES` lists the folder's files, so the app fetches all of them;
    /// `files.txt`, which the browser reads, says the same.
    #[test]
    fn the_list_is_the_folder() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(super::SOURCE);
        let mut found = Vec::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path != root.join("files.txt") {
                    found.push(path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"));
                }
            }
        }
        found.sort();
        assert_eq!(found, super::FILES);
        let listed = std::fs::read_to_string(root.join("files.txt")).unwrap();
        assert_eq!(listed.lines().collect::<Vec<_>>(), super::FILES, "files.txt is not FILES");
    }
}
