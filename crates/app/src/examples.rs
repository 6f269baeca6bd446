//! The examples menu: every step of the tutorial (the repository's
//! `examples/tutorial/<step>/flake.nix`) and the NixOS modules in `examples/`.
//! Only the example a first visit opens with is in the wasm; the others are
//! served beside the app (`examples/` is copied into `dist/`, index.html)
//! and fetched when picked ([`fetch_text`]), so they are not part of the
//! first load.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::protocol::File;
use crate::workspace::{Loaded, Workspace};

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
    /// Where the file is, under `examples/` (in the repository and beside the app).
    pub path: &'static str,
    /// The file's text, for the example a first visit opens with.
    pub text: Option<&'static str>,
}

impl Example {
    /// A fresh one-file workspace holding this example, whose text is `text`.
    pub fn workspace(&self, text: &str) -> Workspace {
        let sum = checksum(self.file, text);
        Workspace { example: Some(Loaded { id: self.id.to_owned(), sum }), ..Workspace::single(self.file, text) }
    }
}

/// A checksum of a one-file workspace (FNV-1a of the name and the text), to
/// tell whether the files are still an example's without keeping its text.
pub fn checksum(name: &str, text: &str) -> u32 {
    let mut hash = 0x811c_9dc5_u32;
    for byte in name.bytes().chain([0]).chain(text.bytes()) {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    hash
}

/// Whether `files` are still the example `loaded`, unchanged.
pub fn unchanged(loaded: &Loaded, files: &[File]) -> bool {
    matches!(files, [file] if checksum(&file.name, &file.text) == loaded.sum)
}

/// The text of `example`: its own, or fetched from beside the app.
pub async fn fetch_text(example: &Example) -> Result<String, String> {
    if let Some(text) = example.text {
        return Ok(text.to_owned());
    }
    let window = web_sys::window().ok_or("no window")?;
    let failed = |_| format!("could not fetch examples/{} (offline?)", example.path);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&format!("examples/{}", example.path)))
        .await
        .map_err(failed)?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("examples/{} answered {}", example.path, response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?).await.map_err(failed)?;
    text.as_string().ok_or_else(|| "the example is not text".to_owned())
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
        path: "tutorial/0-gohello/flake.nix",
        text: None,
    },
    Example {
        id: "1-container",
        title: "Tutorial 1 · a NixOS container",
        explanation: "A nixosConfigurations.container output: nginx on, port 80 open in the \
                      firewall, host name gohello.",
        file: "flake.nix",
        path: "tutorial/1-container/flake.nix",
        text: None,
    },
    Example {
        id: "2-module-template",
        title: "Tutorial 2 · an empty module",
        explanation: "The flake exposes a nixosModule that declares one option, \
                      xeserv.services.gohello.enable, and does nothing with it yet.",
        file: "flake.nix",
        path: "tutorial/2-module-template/flake.nix",
        text: None,
    },
    Example {
        id: "3-systemd-typo",
        title: "Tutorial 3 · the systemd service, with a mistake",
        explanation: "The module's service refers to a variable `system` that is not in \
                      scope: see the error and where it points.",
        file: "flake.nix",
        path: "tutorial/3-systemd-typo/flake.nix",
        text: None,
    },
    Example {
        id: "4-systemd",
        title: "Tutorial 4 · the systemd service, fixed",
        explanation: "The package is taken from pkgs.system. The container does not import \
                      the module yet, so its outputs do not change.",
        file: "flake.nix",
        path: "tutorial/4-systemd/flake.nix",
        text: None,
    },
    Example {
        id: "5-final",
        title: "Tutorial 5 · the final flake",
        explanation: "The module gains a domain option and an nginx virtual host, and the \
                      container imports and enables it: xeserv.gohello.service appears.",
        file: "flake.nix",
        path: "tutorial/5-final/flake.nix",
        text: Some(include_str!("../../../examples/tutorial/5-final/flake.nix")),
    },
    Example {
        id: "6-exercise-port",
        title: "Tutorial 6 · exercise: a port option",
        explanation: "A port option of type types.port feeds both the service's --bind and \
                      nginx's proxy_pass. Try a value above 65535.",
        file: "flake.nix",
        path: "tutorial/6-exercise-port/flake.nix",
        text: None,
    },
    Example {
        id: "timer",
        title: "A nightly timer",
        explanation: "A oneshot service started daily by startAt, and a timer written by hand.",
        file: "configuration.nix",
        path: "timer.nix",
        text: None,
    },
    Example {
        id: "postgres",
        title: "PostgreSQL",
        explanation: "PostgreSQL with a database and the user that owns it.",
        file: "configuration.nix",
        path: "postgres.nix",
        text: None,
    },
    Example {
        id: "static-site",
        title: "A static site",
        explanation: "nginx serving a folder, with gzip and a custom 404 page.",
        file: "configuration.nix",
        path: "static-site.nix",
        text: None,
    },
    Example {
        id: "reverse-proxy-tls",
        title: "A TLS reverse proxy",
        explanation: "nginx terminating TLS with ACME certificates in front of an app on port 8080.",
        file: "configuration.nix",
        path: "reverse-proxy-tls.nix",
        text: None,
    },
];

/// The example with identifier `id`.
pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_a_file_beside_the_app_and_the_first_is_embedded() {
        for example in EXAMPLES {
            let path = format!("{}/../../examples/{}", env!("CARGO_MANIFEST_DIR"), example.path);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            if let Some(embedded) = example.text {
                assert_eq!(embedded, text);
            }
        }
        assert!(find(DEFAULT_EXAMPLE).is_some_and(|e| e.text.is_some()));
        let workspace = find(DEFAULT_EXAMPLE).unwrap().workspace("{ }");
        assert!(unchanged(workspace.example.as_ref().unwrap(), &workspace.files));
        assert!(!unchanged(workspace.example.as_ref().unwrap(), &Workspace::single("flake.nix", "{ } ").files));
    }
}
