//! Fuzzes content sniffing (containers, binary magic, UTF-16 without a byte-order mark) and the
//! UTF-16 transcoding of whatever it calls text. Any panic is a bug.
#![no_main]

use std::io::Read;

use libfuzzer_sys::fuzz_target;
use piiscan::decode::{archive, leaf_reader, sniff};

fuzz_target!(|data: &[u8]| {
    let _ = archive::container(data);
    let sniffed = sniff(data);
    let mut out = Vec::new();
    let _ = leaf_reader(sniffed, Box::new(data)).read_to_end(&mut out);
});
