pub mod detect;
pub mod error;
