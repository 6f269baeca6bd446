//! What the user's files are: a flake (a folder with `flake.nix`, or the
//! `flake.nix` itself) or a plain NixOS module; and the Nix expression of the
//! NixOS configuration they define.

use nixpen_eval::print::escape_str;
use nixpen_eval::{FileSystem, FileType};

use crate::kind::SourceKind;

/// The configuration to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A flake in `dir`; `attr` picks `nixosConfigurations.ATTR` (or a full
    /// output path when it contains a dot); `None` means its only configuration.
    Flake {
        /// The folder holding `flake.nix`, or a file holding a flake under
        /// another name (its folder being the flake's source).
        dir: String,
        /// The configuration to take, if several.
        attr: Option<String>,
    },
    /// A NixOS module evaluated as a whole configuration, as `<nixpkgs/nixos>` does.
    Module {
        /// The module's file.
        path: String,
    },
}

impl Target {
    /// Decides what `path` is: a folder or a file named `flake.nix` is a
    /// flake, and so is a file of another name whose text is a flake (an
    /// attribute set with `outputs`); any other file is a module.
    ///
    /// ```
    /// use nixpen_nixos::Target;
    /// let fs = nixpen_eval::MemoryFs::new();
    /// fs.add_file("/playground/flake.nix", "{ outputs = _: { }; }");
    /// assert_eq!(Target::detect(&fs, "/playground", None),
    ///            Target::Flake { dir: "/playground".into(), attr: None });
    /// ```
    pub fn detect(fs: &dyn FileSystem, path: &str, attr: Option<String>) -> Target {
        let path = path.trim_end_matches('/');
        let path = if path.is_empty() { "/" } else { path };
        if fs.file_type(path) == Some(FileType::Directory) {
            return Target::Flake { dir: path.to_string(), attr };
        }
        match path.rsplit_once('/') {
            Some((dir, "flake.nix")) => {
                Target::Flake { dir: if dir.is_empty() { "/".into() } else { dir.into() }, attr }
            }
            _ if fs.read(path).is_ok_and(|text| is_flake_text(&String::from_utf8_lossy(&text))) => {
                Target::Flake { dir: path.to_string(), attr }
            }
            _ => Target::Module { path: path.to_string() },
        }
    }

    /// The folder whose files are the user's own (for "options the user's
    /// modules declare").
    pub fn user_dir(&self) -> String {
        match self {
            Target::Flake { dir, .. } if dir.ends_with(".nix") => parent_of(dir),
            Target::Flake { dir, .. } => dir.clone(),
            Target::Module { path } => parent_of(path),
        }
    }

    /// A Nix expression whose value is the evaluated NixOS configuration
    /// (`{ config, options, pkgs, extendModules, … }`). A flake without a
    /// configuration, or with several and no `attr`, is an error naming them.
    pub fn configuration_expr(&self) -> String {
        match self {
            Target::Module { path } => format!("(import <nixpkgs/nixos> {{ configuration = {}; }})", nix_path(path)),
            Target::Flake { dir, attr } => {
                let flake = flake_expr(dir);
                match attr {
                    Some(a) if a.contains('.') => format!("{flake}.{a}"),
                    Some(a) => format!("{flake}.nixosConfigurations.{}", nix_attr(a)),
                    None => format!(
                        "(let cs = {flake}.nixosConfigurations or {{ }}; names = builtins.attrNames cs; in \
                         if names == [ ] then throw \"the flake in {dir} has no nixosConfigurations: nothing to render\" \
                         else if builtins.length names > 1 then throw \"the flake in {dir} has several nixosConfigurations \
                         (${{builtins.concatStringsSep \", \" names}}); pick one with --attr\" \
                         else cs.${{builtins.head names}})"
                    ),
                }
            }
        }
    }

    /// [`Target::configuration_expr`] extended with the module files
    /// `modules` (`extendModules { modules = [ … ]; }`, as the playground's
    /// options form applies its overrides); no modules: the configuration itself.
    pub fn extended_expr(&self, modules: &[String]) -> String {
        extend_expr(&self.configuration_expr(), modules)
    }

    /// The expression of what a view shows: `config.system.build.nixpen`.
    /// (For a configuration given by any expression: [`render_expr_of`].)
    pub fn render_expr(&self) -> String {
        self.render_expr_with(&[])
    }

    /// [`Target::render_expr`] of the configuration extended with `modules`.
    pub fn render_expr_with(&self, modules: &[String]) -> String {
        render_expr_of(&self.configuration_expr(), modules)
    }

    /// To evaluate when [`Target::render_expr_with`] failed with an error
    /// for which [`may_be_unmodelled_read`] holds: the same rendering, with
    /// every NixOS option Nixpen does not model given a value that fails
    /// naming it (`nixos/modules/misc/unmodelled-reads.nix`). If this fails
    /// with a message containing [`UNMODELLED_READ_MARK`], that message
    /// explains the first error better; otherwise keep the first error.
    /// (It costs a second evaluation, only after an error.)
    pub fn explain_reads_expr(&self, modules: &[String]) -> String {
        let mut with_stubs = modules.to_vec();
        with_stubs.push(UNMODELLED_READS_MODULE.to_string());
        self.render_expr_with(&with_stubs)
    }

    /// To evaluate when [`Target::render_expr_with`] failed with an error
    /// for which [`may_lack_package`] holds: the same rendering, with a
    /// stand-in for each package the configuration's files name and
    /// Nixpen's set lacks (`nixos/modules/misc/stand-ins.nix`). Reading the
    /// files for names costs, so only a configuration that needs stand-ins
    /// pays for it, with this second evaluation.
    pub fn stand_ins_expr(&self, modules: &[String]) -> String {
        self.render_expr_with(&with_stand_ins(modules))
    }

    /// The expression of the options the user's own files declare, as data
    /// (`lib.nixpen.optionsToData`). For a flake whose configuration does not
    /// import the flake's `nixosModule(s)` yet, the options are read from the
    /// configuration extended with them, so a module is listed as soon as it
    /// is written (tutorial step 2).
    pub fn options_expr(&self, all: bool) -> String {
        self.options_expr_with(all, &[])
    }

    /// [`Target::options_expr`] of the configuration extended with the
    /// module files `modules` (a lesson's check that forces an option
    /// reads the options of the configuration it renders).
    pub fn options_expr_with(&self, all: bool, modules: &[String]) -> String {
        let keep = if all { "_: true" } else { "own" };
        self.options_query(true, modules, &format!("builtins.filter ({keep}) (toData e.options)"))
    }

    /// The options an input form offers: `{ options; inConfiguration; }`,
    /// `options` being those the user's own files declare, read from the
    /// configuration extended with `modules` (so their values include the
    /// form's overrides), without walking into submodule entries (which
    /// would evaluate every unit and virtual host); `inConfiguration` is
    /// false when they come from a flake's `nixosModule(s)` that the
    /// configuration does not import (setting them there fails).
    pub fn form_options_expr(&self, modules: &[String]) -> String {
        self.options_query(
            false,
            modules,
            "{ options = builtins.filter own (toData e.options); inConfiguration = imported; }",
        )
    }

    /// What explains the option or attribute at `loc` (names, as
    /// [`crate::explain::parse_option_path`] gives them) in the
    /// configuration extended with `modules`: `lib.nixpen.explain.option`,
    /// read back with [`crate::Explanation::from_json`].
    pub fn explain_expr(&self, modules: &[String], loc: &[String]) -> String {
        let names: Vec<String> = loc.iter().map(|n| escape_str(n)).collect();
        format!(
            "let c = {}; in (import <nixpkgs/lib>).nixpen.explain.option c.options [ {} ]",
            self.extended_expr(modules),
            names.join(" ")
        )
    }

    /// Where each line of the rendered files comes from, with every option
    /// it names explained (`lib.nixpen.explain.outputs`, read back with
    /// [`crate::Sources::from_json`]): for the files `files` (`units/NAME`,
    /// `nginx.conf`, `etc/PATH`) or, with `None`, all of them; with
    /// `texts`, the files' texts too. Not part of a render: views ask for
    /// it when they explain.
    pub fn sources_expr(&self, modules: &[String], files: Option<&[String]>, texts: bool) -> String {
        let files = match files {
            Some(names) => format!("[ {} ]", names.iter().map(|n| escape_str(n)).collect::<Vec<_>>().join(" ")),
            None => "null".into(),
        };
        format!(
            "let c = {}; in (import <nixpkgs/lib>).nixpen.explain.outputs {{ inherit (c) options;              lines = c.config.system.build.nixpenLines; files = {files}; texts = {texts}; }}",
            self.extended_expr(modules)
        )
    }

    /// The files that define each unit, by unit file name
    /// (`{ "foo.service": ["/playground/flake.nix"] }`), to tell the user's
    /// own units from NixOS's in the unit graph.
    pub fn unit_owners_expr(&self, modules: &[String]) -> String {
        format!("{}.config.system.build.nixpenUnitOwners", self.extended_expr(modules))
    }

    /// `result` in a scope with `c` (the configuration extended with
    /// `modules`), `e` (`c`, or `c` extended with a flake's modules that it
    /// does not import), `toData` (options as data, with or without
    /// `submodules`), `own` (whether the user's files declare an option's
    /// data) and `imported` (whether `c` has the user's options itself).
    fn options_query(&self, submodules: bool, modules: &[String], result: &str) -> String {
        let dir = self.user_dir();
        let extend = match self {
            Target::Flake { dir, .. } => format!(
                "(let f = {}; \
                 ms = (if f ? nixosModules then builtins.attrValues f.nixosModules else [ ]) ++ (if f ? nixosModule then [ f.nixosModule ] else [ ]); \
                 in if imported || ms == [ ] then c else c.extendModules {{ modules = ms; }})",
                flake_expr(dir)
            ),
            Target::Module { .. } => "c".into(),
        };
        let imported = match self {
            Target::Flake { .. } => "builtins.any own (toData c.options)",
            Target::Module { .. } => "true",
        };
        format!(
            "let c = {config}; lib = import <nixpkgs/lib>; \
             toData = lib.nixpen.optionsToDataWith {{ submodules = {submodules}; }}; \
             own = o: builtins.any (d: lib.hasPrefix \"{dir}/\" (toString (d.file or d))) o.declarations; \
             imported = {imported}; \
             e = {extend}; \
             in {result}",
            config = self.extended_expr(modules),
        )
    }
}

/// The module [`Target::stand_ins_expr`] adds.
pub const STAND_INS_MODULE: &str = "/nixpen/nixpkgs/nixos/modules/misc/stand-ins.nix";

/// `modules` and [`STAND_INS_MODULE`].
pub fn with_stand_ins(modules: &[String]) -> Vec<String> {
    let mut all = modules.to_vec();
    all.push(STAND_INS_MODULE.to_string());
    all
}

/// Whether an evaluation error (its message, without position) may come
/// from a package Nixpen's set lacks: `pkgs.restic` ("attribute 'restic'
/// missing") or `with pkgs; [ restic ]` ("undefined variable 'restic'").
///
/// ```
/// assert!(nixpen_nixos::target::may_lack_package("attribute 'restic' missing"));
/// assert!(nixpen_nixos::target::may_lack_package("undefined variable 'restic'"));
/// assert!(!nixpen_nixos::target::may_lack_package("infinite recursion encountered"));
/// ```
pub fn may_lack_package(message: &str) -> bool {
    may_be_unmodelled_read(message) || (message.starts_with("undefined variable '") && message.ends_with('\''))
}

/// The module [`Target::explain_reads_expr`] adds.
pub const UNMODELLED_READS_MODULE: &str = "/nixpen/nixpkgs/nixos/modules/misc/unmodelled-reads.nix";

/// Text found in the errors the module [`UNMODELLED_READS_MODULE`] gives.
pub const UNMODELLED_READ_MARK: &str = "that Nixpen does not model, and nothing in this configuration defines it";

/// Whether an evaluation error (its message, without position) may come
/// from reading a NixOS option that Nixpen does not model and nothing
/// defines (`config.services.headscale.port`): "attribute '…' missing".
///
/// ```
/// assert!(nixpen_nixos::target::may_be_unmodelled_read("attribute 'headscale' missing"));
/// assert!(!nixpen_nixos::target::may_be_unmodelled_read("undefined variable 'x'"));
/// ```
pub fn may_be_unmodelled_read(message: &str) -> bool {
    message.starts_with("attribute '") && message.ends_with("' missing")
}

/// The folder of `path` (`/a/b.nix` → `/a`).
fn parent_of(path: &str) -> String {
    path.rsplit_once('/').map(|(d, _)| d.to_string()).unwrap_or_default()
}

/// Whether `text` is a flake: an attribute set (not a function) with an
/// `outputs` attribute, as `flake.nix` holds ([`SourceKind::of`], which
/// the playground uses too).
///
/// ```
/// assert!(nixpen_nixos::target::is_flake_text("# f\n{ inputs.x.url = \"y\"; outputs = _: { }; }"));
/// assert!(!nixpen_nixos::target::is_flake_text("{ config, ... }: { services.x.enable = true; }"));
/// assert!(!nixpen_nixos::target::is_flake_text("{ services.nginx.enable = true; }"));
/// ```
pub fn is_flake_text(text: &str) -> bool {
    SourceKind::of(text) == SourceKind::Flake
}

/// The flake in `dir` (a folder, or a file holding a flake):
/// `import <nixpkgs/flake> { src = …; }`.
///
/// ```
/// assert_eq!(nixpen_nixos::target::flake_expr("/p"), "(import <nixpkgs/flake> { src = /p; })");
/// ```
pub fn flake_expr(dir: &str) -> String {
    format!("(import <nixpkgs/flake> {{ src = {}; }})", nix_path(dir))
}

/// A path literal for `path`, quoted when it has characters a path literal cannot hold.
fn nix_path(path: &str) -> String {
    if path.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c)) && path.starts_with('/') && path.len() > 1
    {
        path.to_string()
    } else {
        format!(
            "(/. + \"{}\")",
            path.trim_start_matches('/').replace('\\', "\\\\").replace('"', "\\\"").replace("${", "\\${")
        )
    }
}

/// An attribute name, quoted unless it is a plain identifier.
fn nix_attr(name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "_-'".contains(c));
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The configuration `configuration` (a Nix expression) extended with the
/// module files `modules` (`extendModules { modules = [ … ]; }`); no
/// modules: the configuration itself.
///
/// ```
/// assert_eq!(nixpen_nixos::target::extend_expr("c", &["/m.nix".into()]),
///            "(c.extendModules { modules = [ /m.nix ]; })");
/// ```
pub fn extend_expr(configuration: &str, modules: &[String]) -> String {
    if modules.is_empty() {
        return configuration.to_string();
    }
    let list: Vec<String> = modules.iter().map(|m| nix_path(m)).collect();
    format!("({configuration}.extendModules {{ modules = [ {} ]; }})", list.join(" "))
}

/// `config.system.build.nixpen` of the configuration `configuration` (a Nix
/// expression) extended with `modules`.
pub fn render_expr_of(configuration: &str, modules: &[String]) -> String {
    format!("{}.config.system.build.nixpen", extend_expr(configuration, modules))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_odd_paths_and_names() {
        assert_eq!(nix_path("/a/b"), "/a/b");
        assert_eq!(nix_path("/a b/c"), "(/. + \"a b/c\")");
        assert_eq!(nix_attr("web-1"), "web-1");
        assert_eq!(nix_attr("a.b"), "\"a.b\"");
    }

    #[test]
    fn a_flake_nix_file_means_its_folder() {
        let fs = nixpen_eval::MemoryFs::new();
        fs.add_file("/p/flake.nix", "{}");
        fs.add_file("/p/configuration.nix", "{}");
        assert_eq!(Target::detect(&fs, "/p/flake.nix", None), Target::Flake { dir: "/p".into(), attr: None });
        assert_eq!(
            Target::detect(&fs, "/p/configuration.nix", None),
            Target::Module { path: "/p/configuration.nix".into() }
        );
    }
}
