//! The examples menu: every step of the tutorial (the repository's
//! `examples/tutorial/<step>/flake.nix`) and the NixOS modules in `examples/`.

use crate::protocol::File;
use crate::workspace::Workspace;

/// One entry of the examples menu.
pub struct Example {
    /// Stable identifier (used in the menu's values).
    pub id: &'static str,
    /// Menu label.
    pub title: &'static str,
    /// What the step shows, in a sentence or two.
    pub explanation: &'static str,
    /// File name in the playground.
    pub file: &'static str,
    /// The file's text.
    pub text: &'static str,
}

impl Example {
    /// A fresh one-file workspace holding this example.
    pub fn workspace(&self) -> Workspace {
        Workspace { example: Some(self.id.to_owned()), ..Workspace::single(self.file, self.text) }
    }

    /// Whether `files` are this example's, unchanged.
    pub fn is(&self, files: &[File]) -> bool {
        matches!(files, [file] if file.name == self.file && file.text == self.text)
    }
}

macro_rules! article {
    ($step:literal) => {
        include_str!(concat!("../../../examples/tutorial/", $step, "/flake.nix"))
    };
}

/// The example the playground opens with: the tutorial's final flake.
pub const DEFAULT_EXAMPLE: &str = "5-final";

/// The tutorial's first step ("Start the tutorial").
pub const TUTORIAL_START: &str = "0-gohello";

/// Every example, tutorial steps first, in menu order.
pub const EXAMPLES: &[Example] = &[
    Example {
        id: "0-gohello",
        title: "Tutorial 0 · the gohello flake",
        explanation: "Where the tutorial starts: a flake that packages a small Go web server \
                      for four systems. No NixOS configuration yet.",
        file: "flake.nix",
        text: article!("0-gohello"),
    },
    Example {
        id: "1-container",
        title: "Tutorial 1 · a NixOS container",
        explanation: "A nixosConfigurations.container output: nginx on, port 80 open in the \
                      firewall, host name gohello.",
        file: "flake.nix",
        text: article!("1-container"),
    },
    Example {
        id: "2-module-template",
        title: "Tutorial 2 · an empty module",
        explanation: "The flake exposes a nixosModule that declares one option, \
                      xeserv.services.gohello.enable, and does nothing with it yet.",
        file: "flake.nix",
        text: article!("2-module-template"),
    },
    Example {
        id: "3-systemd-typo",
        title: "Tutorial 3 · the systemd service, with a mistake",
        explanation: "The module's service refers to a variable `system` that is not in \
                      scope: see the error and where it points.",
        file: "flake.nix",
        text: article!("3-systemd-typo"),
    },
    Example {
        id: "4-systemd",
        title: "Tutorial 4 · the systemd service, fixed",
        explanation: "The package is taken from pkgs.system. The container does not import \
                      the module yet, so its outputs do not change.",
        file: "flake.nix",
        text: article!("4-systemd"),
    },
    Example {
        id: "5-final",
        title: "Tutorial 5 · the final flake",
        explanation: "The module gains a domain option and an nginx virtual host, and the \
                      container imports and enables it: xeserv.gohello.service appears.",
        file: "flake.nix",
        text: article!("5-final"),
    },
    Example {
        id: "6-exercise-port",
        title: "Tutorial 6 · exercise: a port option",
        explanation: "A port option of type types.port feeds both the service's --bind and \
                      nginx's proxy_pass. Try a value above 65535.",
        file: "flake.nix",
        text: article!("6-exercise-port"),
    },
    Example {
        id: "timer",
        title: "A nightly timer",
        explanation: "A oneshot service started daily by startAt, and a timer written by hand.",
        file: "configuration.nix",
        text: include_str!("../../../examples/timer.nix"),
    },
    Example {
        id: "postgres",
        title: "PostgreSQL",
        explanation: "PostgreSQL with a database and the user that owns it.",
        file: "configuration.nix",
        text: include_str!("../../../examples/postgres.nix"),
    },
    Example {
        id: "static-site",
        title: "A static site",
        explanation: "nginx serving a folder, with gzip and a custom 404 page.",
        file: "configuration.nix",
        text: include_str!("../../../examples/static-site.nix"),
    },
    Example {
        id: "reverse-proxy-tls",
        title: "A TLS reverse proxy",
        explanation: "nginx terminating TLS with ACME certificates in front of an app on port 8080.",
        file: "configuration.nix",
        text: include_str!("../../../examples/reverse-proxy-tls.nix"),
    },
];

/// The example with identifier `id`.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.id == id)
}
