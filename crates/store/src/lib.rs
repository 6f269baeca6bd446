//! Nix store arithmetic without a store.
