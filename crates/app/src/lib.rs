//! The Nixpen playground: a Yew page (`main.rs`) and an evaluation worker
//! (`bin/worker.rs`). The page never evaluates: it sends every edit to the
//! worker and shows what comes back.

pub mod engine;
pub mod error_hints;
pub mod option_data;
pub mod overrides;
pub mod protocol;
pub mod worker;

pub mod app;
pub mod brackets;
pub mod burst;
pub mod components;
pub mod download;
pub mod embed;
pub mod examples;
pub mod highlight;
pub mod page;
pub mod pretty;
pub mod runner;
pub mod share;
pub mod shared;
pub mod storage;
pub mod store_paths;
pub mod tar;
pub mod theme;
pub mod workspace;
