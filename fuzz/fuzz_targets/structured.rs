//! Fuzzes the structured decoders (CSV, JSON, JSON Lines, Parquet, Avro, docx, pptx, xlsx, PDF):
//! the first byte picks the decoder, the rest is its input. Any panic is a bug.
#![no_main]

use std::ops::ControlFlow;

use libfuzzer_sys::fuzz_target;
use piiscan::decode::structured::{Kind, decode_bytes};

const KINDS: [Kind; 9] = Kind::ALL;

fuzz_target!(|data: &[u8]| {
    let Some((&which, input)) = data.split_first() else { return };
    let kind = KINDS[which as usize % KINDS.len()];
    let _ = decode_bytes(kind, input, &mut |field| {
        let _ = field.locate(0, field.text().len());
        ControlFlow::Continue(())
    });
});
