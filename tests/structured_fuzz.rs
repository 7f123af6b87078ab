//! Every structured decoder (CSV, JSON, JSON Lines, Parquet, Avro, docx, pptx, xlsx, PDF) on random
//! bytes and on damaged copies of the corpus's real files: a decoder may refuse its input with a
//! skip, never panic. The same inputs drive the cargo-fuzz target `structured` (docs/formats.md),
//! which runs far longer.

use std::ops::ControlFlow;

use piiscan::decode::structured::{Field, Kind, decode_bytes};
use proptest::prelude::*;

const KINDS: [Kind; 9] = Kind::ALL;

/// The corpus file each kind is mutated from.
fn seed(kind: Kind) -> Vec<u8> {
    let name = match kind {
        Kind::Csv => "hr_export.csv",
        Kind::Json | Kind::JsonLines => "claims.json",
        Kind::Parquet => "staff.parquet",
        Kind::Avro => "members.avro",
        Kind::Docx | Kind::Pptx => "hr_letters.docx",
        Kind::Xlsx => "payroll.xlsx",
        Kind::Pdf => "audit.pdf",
    };
    let path = format!("{}/corpora/core/structured/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Decodes `bytes` as `kind`, touching every field's text and location.
fn decode(kind: Kind, bytes: &[u8]) {
    let _ = decode_bytes(kind, bytes, &mut |field: &dyn Field| {
        let text = field.text();
        let _ = field.names();
        let _ = field.locate(0, text.len());
        let _ = field.locate(text.len(), 0);
        ControlFlow::Continue(())
    });
}

#[test]
fn seeds_decode_whole() {
    for kind in KINDS {
        let mut fields = 0;
        let result = decode_bytes(kind, &seed(kind), &mut |_| {
            fields += 1;
            ControlFlow::Continue(())
        });
        if kind != Kind::Pptx {
            assert!(result.is_ok() && fields > 0, "{kind:?}: {result:?}, {fields} fields");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn on_random_bytes(which in 0usize..KINDS.len(), bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        decode(KINDS[which], &bytes);
    }

    #[test]
    fn on_damaged_files(
        which in 0usize..KINDS.len(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let kind = KINDS[which];
        let mut bytes = seed(kind);
        for (at, byte) in flips {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        decode(kind, &bytes);
    }
}

/// apache-avro unwraps on an invalid record name in the header's schema (a case
/// `on_damaged_files` found): the decoder must give a `corrupt` skip, not panic.
#[test]
fn avro_with_an_invalid_schema_name_is_a_corrupt_skip() {
    let mut bytes = seed(Kind::Avro);
    let name = b"\"name\":\"enrolment\"";
    let at = bytes
        .windows(name.len())
        .position(|w| w == name)
        .expect("the seed's record name");
    // Same length, so the header's length prefixes stay right: only the name is invalid.
    bytes[at + 8] = b'9';
    let result = decode_bytes(Kind::Avro, &bytes, &mut |_| ControlFlow::Continue(()));
    let skip = result.expect_err("an invalid schema is a skip");
    assert!(format!("{skip:?}").contains("Avro"), "{skip:?}");
}
