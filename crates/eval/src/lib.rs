//! The Nix language evaluator of Nixpen.
