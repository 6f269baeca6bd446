//! The Nixpen playground: a Yew page (`main.rs`) and an evaluation worker
//! (`bin/worker.rs`). The page never evaluates: it sends every edit to the
//! worker and shows what comes back.

pub mod protocol;
pub mod option_data;
pub mod overrides;
pub mod engine;
pub mod worker;

pub mod app;
pub mod burst;
pub mod examples;
pub mod page;
pub mod share;
pub mod theme;
pub mod highlight;
pub mod components;
pub mod download;
pub mod tar;
pub mod runner;
pub mod storage;
pub mod workspace;
