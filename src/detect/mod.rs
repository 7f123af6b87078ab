//! Detection: bytes in, validated matches out. Knows nothing of files, S3, formats or the CLI.
pub mod catalog;
pub mod validate;
