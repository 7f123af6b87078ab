//! Detection: bytes in, validated matches out. Knows nothing of files, S3, formats or the CLI.
//!
//! `catalog` turns detector files into `Detector`s; `engine` finds candidates for all of them in
//! one pass and confirms each (`validate`, `context`, `allow`), counting every drop in `stats`;
//! `window` walks inputs larger than memory in overlapping windows.
pub mod allow;
pub mod catalog;
pub mod context;
pub mod engine;
pub mod examples;
pub mod scratch;
pub mod stats;
pub mod validate;
pub mod window;

pub use catalog::{Category, Detector, Severity};
pub use engine::{Engine, EngineOptions};
pub use scratch::{Match, Scratch};
