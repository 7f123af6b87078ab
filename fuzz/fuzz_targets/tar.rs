//! Fuzzes the tar decoder through the whole container walk (nested members included), with the
//! default limits and a small budget so that bombs end fast. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use piiscan::decode::archive::{Container, drain};
#[allow(unused_imports)]
use piiscan::decode::compress::Compression;
use piiscan::decode::limits::DecodeLimits;

fuzz_target!(|data: &[u8]| {
    let limits = DecodeLimits {
        max_object_bytes: 64 << 20,
        ..DecodeLimits::default()
    };
    let _ = drain(Container::Tar, data, limits);
});
