//! The embedded nixpkgs tree and the Rust that drives it.
