//! piiscan finds sensitive data — personal data, financial data and credentials — in files,
//! streams and buckets. Data flows one way:
//!
//! ```text
//! source ─► decode ─► detect ─► classify ─► report
//!  (what)    (text)   (matches)  (findings,   (human, json,
//!                                 scores)      jsonl)
//! ```
//!
//! `scan` wires them together; `main.rs` is a thin CLI over `scan::run`. The engine can be used
//! on its own:
//!
//! ```
//! use piiscan::detect::{catalog, Engine, EngineOptions};
//!
//! let engine = Engine::new(catalog::load(&[] as &[&str]).unwrap(), &EngineOptions::default()).unwrap();
//! let mut scratch = engine.new_scratch();
//! let text = b"contact: jane.doe@corp-mail.net";
//! engine.scan_window(text, 0..text.len(), &mut scratch);
//! let found: Vec<&str> = scratch.matches.iter().map(|m| engine.detector(m.detector).id()).collect();
//! assert!(found.contains(&"EMAIL_ADDRESS"));
//! ```
pub mod baseline;
pub mod classify;
pub mod cli;
pub mod config;
pub mod decode;
pub mod detect;
pub mod error;
pub mod location;
pub mod posture;
pub mod progress;
pub mod redact;
pub mod redaction;
pub mod report;
pub mod scan;
pub mod shard;
pub mod skip;
pub mod source;
pub mod state;
pub mod suppress;
